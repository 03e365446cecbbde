#!/bin/sh
# Runs one benchmark tool and keeps what the result file needs: the tool's own output (raw), its
# version, and the start and end times (UTC, RFC 3339). Usage: benchmark-run.sh DIR TOOL [ARGS...]
# Needs only a POSIX shell and date, so it runs in each tool's own image.
set -eu
dir=$1
shift
mkdir -p "$dir"
case $1 in
  fio) "$1" --version > "$dir/version" ;;
  rados) "$1" --version > "$dir/version" ;;
  pgbench) "$1" --version > "$dir/version" ;;
  wrk) "$1" -v > "$dir/version" 2>&1 || true ;;
  *) echo "benchmark-run: unknown tool $1 (fio, rados, pgbench, wrk)" >&2; exit 2 ;;
esac
echo "$1" > "$dir/tool"
date -u +%Y-%m-%dT%H:%M:%SZ > "$dir/started"
status=0
"$@" > "$dir/raw" 2> "$dir/stderr" || status=$?
date -u +%Y-%m-%dT%H:%M:%SZ > "$dir/finished"
echo "$status" > "$dir/exit"
if [ "$status" -ne 0 ]; then
  echo "benchmark-run: $1 exited with $status:" >&2
  cat "$dir/stderr" >&2
  exit "$status"
fi
