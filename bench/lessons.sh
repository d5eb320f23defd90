#!/usr/bin/env bash
# Times every lesson through `descent run` (Release) and prints, per lesson, its run time and its slowest cell, read
# from the executed copies' Jupyter timing metadata (iopub.execute_input to iopub.status.idle).
# Targets: every lesson under 15 s, every cell under 2 s, all lessons under 60 s. Usage: bench/lessons.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build tools/Descent.Cli -c Release -nologo -v q >/dev/null
dotnet build lib/Descent -c Release -nologo -v q >/dev/null
start=$(date +%s.%N)
dotnet tools/Descent.Cli/bin/Release/net10.0/descent.dll run --no-build --out "$out" >"$out/run.log" 2>&1 \
  || { cat "$out/run.log"; exit 1; }
end=$(date +%s.%N)
grep -A20 '^notebook ' "$out/run.log"
python3 - "$out" <<'PY'
import glob, json, os, sys
from datetime import datetime
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
rows = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.ipynb"))):
    cells = []
    for i, cell in enumerate(json.load(open(path))["cells"]):
        e = cell.get("metadata", {}).get("execution")
        if e: cells.append(((t(e["iopub.status.idle"]) - t(e["iopub.execute_input"])).total_seconds(), cell.get("id") or str(i)))
    slowest = max(cells)
    rows.append((os.path.basename(path), sum(c[0] for c in cells), slowest))
print()
print("| lesson | cells' total | slowest cell |")
print("|---|---|---|")
for name, total, (secs, cid) in rows:
    print(f"| {name} | {total:.2f} s | {secs:.2f} s (`{cid}`) |")
PY
echo "descent run, all lessons, wall clock including engine start: $(python3 -c "print(f'{$end - $start:.1f}')") s; load average $(cut -d' ' -f1 /proc/loadavg)"
