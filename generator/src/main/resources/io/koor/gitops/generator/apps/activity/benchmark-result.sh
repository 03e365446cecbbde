#!/bin/sh
# Turns what benchmark-run.sh kept in DIR into one result file (gitops.koor.io/benchmark-result/v1) on
# standard output: the one place where each tool's own output becomes the shared format, in the
# cluster and in the lab alike. Usage: benchmark-result.sh DIR
# Environment: BENCHMARK (its name, e.g. fio-rbd-randwrite), TARGET (rbd, cephfs, rgw, rados,
# postgresql, http), CLUSTER, CEPH_VERSION, PARAMETERS (a JSON object, default {}). Needs jq.
set -eu
dir=$1
: "${BENCHMARK:?is not set}" "${TARGET:?is not set}" "${CLUSTER:?is not set}"
tool=$(cat "$dir/tool")
# fio 3.x JSON: sum both directions; latency percentiles of completion latency (ns) of the busier one.
# fio reports a percentile as the middle of its histogram bucket (stat.c, plat_idx_to_val), which can lie
# above the exact max it also reports; the true percentile cannot, so each is capped at the max.
fio_summary='
  .jobs as $jobs
  | ($jobs | map(.read.bw_bytes + .write.bw_bytes) | add) as $bw
  | ($jobs | map(.read.iops + .write.iops) | add) as $iops
  | ($jobs[0] | if .write.io_bytes >= .read.io_bytes then .write else .read end) as $op
  | ($op.clat_ns.percentile // {}) as $p
  | def ms($k): $p[$k] // null | if . then ([., $op.clat_ns.max] | min) / 1e6 else null end;
  {throughputBytesPerSecond: $bw, opsPerSecond: $iops,
     latencyMs: {p50: ms("50.000000"), p90: ms("90.000000"), p99: ms("99.000000"), p999: ms("99.900000"),
                 max: ($op.clat_ns.max / 1e6)},
     errors: ($jobs | map(.error) | add)}'
# rados bench: "Bandwidth (MB/sec)" is MiB/s (obj_bencher.cc divides by 1024*1024); no percentiles
rados_summary='
  def num($name): (capture("(?m)^" + $name + ":\\s+(?<v>[0-9.eE+-]+)") | .v | tonumber)? // null;
  {throughputBytesPerSecond: (num("Bandwidth \\(MB/sec\\)") | if . then . * 1048576 else null end),
   opsPerSecond: num("Average IOPS"),
   latencyMs: {p50: null, p90: null, p99: null, p999: null,
               max: (num("Max latency\\(s\\)") | if . then . * 1000 else null end)},
   errors: null}'
# wrk: the JSON line wrk-report.lua printed
wrk_summary='
  (split("\n") | map(select(startswith("{\"wrkReport\""))) | first | fromjson | .wrkReport) as $r
  | {throughputBytesPerSecond: ($r.bytes / ($r.durationUs / 1e6)),
     opsPerSecond: ($r.requests / ($r.durationUs / 1e6)),
     latencyMs: {p50: ($r.p50 / 1000), p90: ($r.p90 / 1000), p99: ($r.p99 / 1000), p999: ($r.p999 / 1000),
                 max: ($r.max / 1000)},
     errors: $r.errors}'
# pgbench: tps and the mean latency; it prints no percentiles without per-transaction logs
pgbench_summary='
  def num($re): (capture($re) | .v | tonumber)? // null;
  {throughputBytesPerSecond: null,
   opsPerSecond: num("(?m)^tps = (?<v>[0-9.]+)"),
   latencyMs: {p50: null, p90: null, p99: null, p999: null, max: null},
   errors: (num("(?m)^number of failed transactions: (?<v>[0-9]+)") // 0)}'
case $tool in
  fio) summary=$(jq "$fio_summary" "$dir/raw")
       version=$(sed 's/^fio-//' "$dir/version") ;;
  rados) summary=$(jq -Rs "$rados_summary" "$dir/raw")
         version=$(sed -n 's/^ceph version \([^ ]*\).*/\1/p' "$dir/version") ;;
  wrk) summary=$(jq -Rs "$wrk_summary" "$dir/raw")
       version=$(sed -n 's/^wrk \([^ ]*\).*/\1/p' "$dir/version") ;;
  pgbench) summary=$(jq -Rs "$pgbench_summary" "$dir/raw")
           version=$(sed -n 's/^pgbench (PostgreSQL) \([^ ]*\).*/\1/p' "$dir/version") ;;
  *) echo "benchmark-result: unknown tool $tool" >&2; exit 2 ;;
esac
jq -n --arg benchmark "$BENCHMARK" --arg tool "$tool" --arg version "$version" --arg target "$TARGET" \
  --arg cluster "$CLUSTER" --arg ceph "${CEPH_VERSION:-}" --arg started "$(cat "$dir/started")" \
  --arg finished "$(cat "$dir/finished")" --argjson parameters "${PARAMETERS:-{\}}" \
  --argjson summary "$summary" --rawfile raw "$dir/raw" \
  '{schema: "gitops.koor.io/benchmark-result/v1", benchmark: $benchmark, tool: $tool,
    toolVersion: $version, target: $target, cluster: $cluster,
    cephVersion: (if $ceph == "" then null else $ceph end),
    startedAt: $started, finishedAt: $finished, parameters: $parameters, summary: $summary, raw: $raw}'
