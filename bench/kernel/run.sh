#!/usr/bin/env bash
# Builds the descent CLI (Release) and measures the kernel with jupyter_client (Debian's /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tools/Descent.Cli -c Release -nologo -v q
/usr/bin/python3 bench/kernel/kernel_bench.py --descent "$PWD/tools/Descent.Cli/bin/Release/net10.0/descent.dll" "$@"
