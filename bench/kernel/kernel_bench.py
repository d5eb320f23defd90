"""Kernel benchmark, measured with jupyter_client as a front end sees it.

  1. start: KernelManager.start_kernel() until the kernel_info_reply arrives (a fresh process each time);
  2. round trip: a trivial execute_request until its status: idle on IOPub, after one warm-up cell.

Wall times include whatever else runs on the machine; the kernel process's own CPU time (user + system, from
/proc/PID/stat) does not, so both are printed.

Usage: /usr/bin/python3 kernel_bench.py --descent PATH/descent.dll [--starts 5] [--executes 200]
Installs the kernelspec into a temporary prefix (never the user's Jupyter folders).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

from jupyter_client.manager import KernelManager

NAME = "csharp-descent-bench"


def wait_reply(kc, msg_id, timeout=60):
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id, timeout=60):
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return msg


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User + system CPU time of a process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def start_once():
    km = KernelManager(kernel_name=NAME)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    reply = wait_reply(kc, kc.kernel_info())
    elapsed = time.perf_counter() - t0
    cpu = cpu_seconds(km.provisioner.process.pid)
    assert reply["content"]["status"] == "ok"
    return km, kc, elapsed, cpu


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descent", required=True, help="path of the built descent.dll")
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--executes", type=int, default=200)
    args = parser.parse_args()

    root = tempfile.mkdtemp(prefix="descent-kernel-bench-")
    os.environ.update(JUPYTER_PATH=os.path.join(root, "share", "jupyter"), JUPYTER_DATA_DIR=os.path.join(root, "data"),
                      JUPYTER_RUNTIME_DIR=os.path.join(root, "runtime"), JUPYTER_CONFIG_DIR=os.path.join(root, "config"))
    try:
        subprocess.run(["dotnet", args.descent, "kernel", "install", "--prefix", root, "--name", NAME],
                       check=True, stdout=subprocess.DEVNULL)

        starts, start_cpu = [], []
        for _ in range(args.starts):
            km, kc, elapsed, cpu = start_once()
            starts.append(elapsed)
            start_cpu.append(cpu)
            stop(km, kc)

        km, kc, _, _ = start_once()
        pid = km.provisioner.process.pid
        first = time.perf_counter()
        msg_id = kc.execute("var counter = 0;")
        wait_idle(kc, msg_id, timeout=120)
        first = time.perf_counter() - first
        results = {}
        for label, code in (("1 + 1 (a result)", "1 + 1"), ("counter++; (no output)", "counter++;")):
            times = []
            cpu0 = cpu_seconds(pid)
            for _ in range(args.executes):
                t0 = time.perf_counter()
                msg_id = kc.execute(code)
                wait_idle(kc, msg_id)
                times.append(time.perf_counter() - t0)
                wait_reply(kc, msg_id)
            results[label] = (times, (cpu_seconds(pid) - cpu0) / args.executes)
        stop(km, kc)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    ms = lambda s: f"{s * 1000:.1f} ms"
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print(f"load average at the end: {load} (on {os.cpu_count()} cores)")
    print(f"| measure | median | p90 | min | max | kernel CPU | n |")
    print(f"|---|---|---|---|---|---|---|")
    print(f"| start to kernel_info_reply | {ms(statistics.median(starts))} | {ms(percentile(starts, 90))} | "
          f"{ms(min(starts))} | {ms(max(starts))} | {ms(statistics.median(start_cpu))} | {len(starts)} |")
    print(f"| first cell after start (waits for Roslyn), request to idle | {ms(first)} | | | | | 1 |")
    for label, (times, cpu) in results.items():
        print(f"| execute `{label}`, request to idle | {ms(statistics.median(times))} | {ms(percentile(times, 90))} | "
              f"{ms(min(times))} | {ms(max(times))} | {ms(cpu)} per cell | {len(times)} |")


if __name__ == "__main__":
    main()
