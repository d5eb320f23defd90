"""Reads the BenchmarkDotNet JSON reports and the numpy timings, prints the comparison table (markdown) with ratios."""
import glob
import json
import os
import sys

artifacts = sys.argv[1]
numpy = json.load(open(os.path.join(artifacts, "numpy.json")))

bench = {}
for path in glob.glob(os.path.join(artifacts, "results", "*-report-full.json")):
    for b in json.load(open(path))["Benchmarks"]:
        key = b["Method"] + (f"({b['Parameters']})" if b.get("Parameters") else "")
        bench[key] = {
            "ms": b["Statistics"]["Median"] / 1e6,
            "bytes": (b.get("Memory") or {}).get("BytesAllocatedPerOperation"),
        }


def get(key):
    if key not in bench:
        sys.exit(f"compare.py: no BenchmarkDotNet result for {key}; found {sorted(bench)}")
    return bench[key]


def fmt(ms):
    return f"{ms:.3f} ms" if ms < 1 else f"{ms:.1f} ms"


mse = get("MseValueAndGradient")
read = get("ReadMatrixOnce")
sgd = get("SgdEpoch")
grid_small = get("MseGrid200(N=244)")
grid_large = get("MseGrid200(N=1000000)")

rows = []
rows.append(("Full-batch MSE value + gradient, n = 1e6, p = 16", fmt(mse["ms"]),
             f"numpy `X.T @ (X @ theta - y)`: {fmt(numpy['gradient_ms'])}",
             f"{mse['ms'] / numpy['gradient_ms']:.2f}", "≤ 1.0", mse["ms"] <= numpy["gradient_ms"]))
rows.append(("  same, against reading the matrix once (C#, same cores)", fmt(mse["ms"]),
             f"read once: {fmt(read['ms'])}", f"{mse['ms'] / read['ms']:.2f}", "≤ 1.5", mse["ms"] <= 1.5 * read["ms"]))
steps = 1_000_000 // 32
rows.append((f"One SGD epoch, m = 32 ({steps} steps)", fmt(sgd["ms"]),
             f"numpy loop: {fmt(numpy['sgd_epoch_ms'])}", f"{numpy['sgd_epoch_ms'] / sgd['ms']:.1f}× faster", "≥ 20×",
             numpy["sgd_epoch_ms"] >= 20 * sgd["ms"]))
rows.append(("  allocated per epoch (so per step)", f"{sgd['bytes']} B", "", "", "0 B", sgd["bytes"] == 0))
rows.append(("MSE grid 200 × 200, n = 244", fmt(grid_small["ms"]),
             f"numpy, Data 100 loop over θ: {fmt(numpy['mse_grid_244_ms'])}", "", "< 5 ms", grid_small["ms"] < 5))
rows.append(("MSE grid 200 × 200, n = 1,000,000", fmt(grid_large["ms"]), "", "", "< 5 ms", grid_large["ms"] < 5))
for name in ["GD", "Momentum", "Nesterov", "Adagrad", "RMSProp", "Adam"]:
    s = get(f"Step(Optimizer={name})")
    ref = f"numpy Adam step: {numpy['adam_step_us']:.1f} µs" if name == "Adam" else ""
    rows.append((f"{name} step, p = 16", f"{s['ms'] * 1e6:.1f} ns, {s['bytes']} B", ref, "", "0 B", s["bytes"] == 0))

print("| workload | C# (median) | reference | ratio | target | met |")
print("|---|---|---|---|---|---|")
for name, ours, ref, ratio, target, ok in rows:
    print(f"| {name} | {ours} | {ref} | {ratio} | {target} | {'yes' if ok else '**no**'} |")
cpu = json.load(open(os.path.join(artifacts, "dotnet-cpu.json")))
npc = numpy["cpu"]
print()
print("Wall and process CPU time (all threads), median of repeats, C# and numpy measured the same way:")
print()
print("| workload | C# wall | C# CPU | numpy wall | numpy CPU | ratio (wall) | ratio (CPU) |")
print("|---|---|---|---|---|---|---|")


def line(name, ours, theirs, faster=False):
    rw = theirs["wall_ms"] / ours["wall_ms"] if faster else ours["wall_ms"] / theirs["wall_ms"]
    rc = theirs["cpu_ms"] / ours["cpu_ms"] if faster else ours["cpu_ms"] / theirs["cpu_ms"]
    unit = "× faster" if faster else ""
    print(f"| {name} | {fmt(ours['wall_ms'])} | {fmt(ours['cpu_ms'])} | {fmt(theirs['wall_ms'])} | {fmt(theirs['cpu_ms'])} "
          f"| {rw:.2f}{unit} | {rc:.2f}{unit} |")


line("MSE value + gradient vs numpy `X.T @ (X @ theta - y)`", cpu["value_and_gradient"], npc["gradient"])
line("MSE value + gradient vs C# read-once (both C#)", cpu["value_and_gradient"], cpu["read_once"])
line("SGD epoch, m = 32", cpu["sgd_epoch"], npc["sgd_epoch"], faster=True)
line("MSE grid 200 × 200, n = 244", cpu["mse_grid_244"], npc["mse_grid_244"], faster=True)
print()
print(f"numpy {numpy['numpy']}, Python {numpy['python']}; OpenBLAS variables during the numpy run: {numpy['openblas_env']}")
