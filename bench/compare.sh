#!/usr/bin/env bash
# Runs the C# workloads (BenchmarkDotNet, short in-process job; then wall and CPU times of the main ones) and the same
# workloads in numpy, in one run, and prints the comparison tables with ratios. Takes about five minutes.
# Usage: bench/compare.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
artifacts="$here/artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"

echo "== C# workloads (BenchmarkDotNet)" >&2
dotnet run -c Release --project "$here/Descent.Bench" -- --filter '*' --artifacts "$artifacts" >"$artifacts/dotnet.log" 2>&1 \
  || { tail -40 "$artifacts/dotnet.log"; echo "compare.sh: the C# benchmarks failed (log: $artifacts/dotnet.log)" >&2; exit 1; }

echo "== C# workloads, wall and CPU time" >&2
dotnet run -c Release --no-build --project "$here/Descent.Bench" -- --cpu-times >"$artifacts/dotnet-cpu.json"

echo "== numpy workloads" >&2
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE slow numpy down on this machine: unset them for the numpy command only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$here/numpy_workloads.py" >"$artifacts/numpy.json"

/usr/bin/python3 "$here/compare.py" "$artifacts"
