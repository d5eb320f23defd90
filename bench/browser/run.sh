#!/usr/bin/env bash
# The browser-runtime benchmark, end to end (see bench/README.md, "The browser runtime"):
#   1. builds the descent CLI and the teaching library (Release),
#   2. exports the lessons with the WebAssembly runtime (descent export --runtime) into artifacts/browser-bench/site,
#   3. serves the site (descent serve --port 0: a free port) and runs bench.mjs (playwright-core, npm ci from the
#      committed package-lock.json, driving /usr/bin/chromium; no browser download), which also runs each lesson on
#      the desktop engine (descent run --no-build, a process per lesson) right before its Run all in the browser,
#   4. stops the server, prints the Markdown tables; raw numbers in artifacts/browser-bench/results.json.
# Usage: bench/browser/run.sh [--at REV] [--runs N] [--trivial N] [--only 01,07] [--lesson SLUG] [--skip-export]
#   --at REV measures a clean copy of commit REV (git archive into artifacts/browser-bench/src, built there) instead
#     of the working tree: the checkout is shared, and someone else's uncommitted edits should not be measured.
#   --skip-export reuses artifacts/browser-bench/site from an earlier run (quicker, but then it is not main as built now).
# Exit code: 0 measured (targets met or not; see the tables), 1 a step failed (its message says which).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/artifacts/browser-bench"
site="$out/site"
executed="$out/desktop"
skip_export=0
at=""
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-export) skip_export=1; shift ;;
    --at) [ $# -ge 2 ] || { echo "run.sh: --at needs a commit" >&2; exit 1; }; at="$2"; shift 2 ;;
    --runs|--trivial|--only|--lesson) [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; exit 1; }; bench_args+=("$1" "$2"); shift 2 ;;
    *) echo "run.sh: unknown argument $1 (see the usage at the top of bench/browser/run.sh)" >&2; exit 1 ;;
  esac
done

fail() { echo "bench/browser/run.sh: $*" >&2; exit 1; }
step() { echo "== $* ($(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2; }
# Runs a command with a time limit; on failure prints the end of its log and stops.
run_logged() {
  local limit="$1" logfile="$2" what="$3" rc=0; shift 3
  timeout "$limit" "$@" >"$logfile" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -40 "$logfile" >&2
    [ "$rc" -eq 124 ] && fail "$what did not finish within $limit (log: $logfile)"
    fail "$what failed with exit code $rc (log: $logfile)"
  fi
}

command -v node >/dev/null || fail "node is not installed"
command -v npm >/dev/null || fail "npm is not installed"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is not installed (apt-get install chromium)"
mkdir -p "$out"
if [ -n "$at" ]; then
  commit="$(git -C "$root" rev-parse --verify "$at^{commit}")" || fail "--at $at is not a commit of $root"
  step "a clean copy of $commit (git archive) in $out/src"
  rm -rf "$out/src"
  mkdir -p "$out/src"
  git -C "$root" archive --format=tar "$commit" | tar -x -C "$out/src" || fail "git archive $commit failed"
  root="$out/src"
else
  commit="$(git -C "$root" rev-parse HEAD) + the working tree's changes ($(git -C "$root" status --porcelain | wc -l) files)"
fi
echo "measuring: $commit" >&2
echo "$commit" >"$out/commit.txt"
cd "$root"

step "npm ci (playwright-core, pinned)"
run_logged 5m "$out/npm.log" "npm ci in bench/browser" npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund

step "build the descent CLI and lib/Descent (Release)"
run_logged 15m "$out/build.log" "dotnet build tools/Descent.Cli" dotnet build tools/Descent.Cli -c Release -nologo -v q
run_logged 15m "$out/build-lib.log" "dotnet build lib/Descent" dotnet build lib/Descent -c Release -nologo -v q
descent=(dotnet "$root/tools/Descent.Cli/bin/Release/net10.0/descent.dll")

if [ "$skip_export" -eq 1 ]; then
  [ -f "$site/index.html" ] && [ -d "$site/assets/runtime" ] || fail "--skip-export: $site holds no site exported with --runtime; run without --skip-export first"
  step "reusing the site in $site (--skip-export)"
else
  step "export the lessons with the browser runtime (descent export --runtime)"
  run_logged 30m "$out/export.log" "descent export --runtime" "${descent[@]}" export --runtime --out "$site" notebooks
  [ -d "$site/assets/runtime" ] || fail "descent export --runtime wrote no $site/assets/runtime (log: $out/export.log)"
fi

step "descent serve on a free port"
serve_log="$out/serve.log"
"${descent[@]}" serve "$site" --port 0 >"$serve_log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 120); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$serve_log" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$serve_log" >&2; fail "descent serve stopped before it served the site (log: $serve_log)"; }
  sleep 0.5
done
[ -n "$url" ] || { cat "$serve_log" >&2; fail "descent serve printed no address within 60 s (log: $serve_log)"; }
curl -fsS -o /dev/null "${url}index.html" || fail "descent serve at $url does not answer for index.html (log: $serve_log)"
echo "serving $site at $url" >&2

step "the browser (bench.mjs)"
set +e
DESCENT_BENCH_COMMIT="$commit" timeout 60m node "$here/bench.mjs" --base "$url" --site "$site" \
  --descent "$root/tools/Descent.Cli/bin/Release/net10.0/descent.dll" --notebooks "$root/notebooks" --desktop-dir "$executed" \
  --out "$out/results.json" "${bench_args[@]}"
rc=$?
set -e
[ "$rc" -eq 124 ] && fail "bench.mjs did not finish within 60 minutes"
echo "machine: $(nproc) cores, $(uptime)" >&2
exit "$rc"
