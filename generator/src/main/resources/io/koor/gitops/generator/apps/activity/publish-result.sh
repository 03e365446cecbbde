#!/bin/sh
# Publishes one result file: to the results bucket as results/<cluster>/<benchmark>/<startedAt>.json, and,
# when PUSHGATEWAY_URL is set, its summary as gauges to a Prometheus Pushgateway (grouped by benchmark
# and cluster, so each run replaces the last). Usage: publish-result.sh RESULT.json
# Environment: BUCKET_NAME and S3_ENDPOINT or BUCKET_HOST/BUCKET_PORT, the bucket's keys
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY); PUSHGATEWAY_URL optional. Needs jq, the aws CLI, curl.
set -eu
result=$1
: "${BUCKET_NAME:?is not set: the ConfigMap of the results bucket claim gives it}"
endpoint=${S3_ENDPOINT:-}
if [ -z "$endpoint" ]; then
  : "${BUCKET_HOST:?is not set: give S3_ENDPOINT, or the ConfigMap of the bucket claim}"
  port=${BUCKET_PORT:-80}
  scheme=http
  [ "$port" = 443 ] && scheme=https
  endpoint="$scheme://$BUCKET_HOST:$port"
fi
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
key=$(jq -r '"results/\(.cluster)/\(.benchmark)/\(.startedAt).json"' "$result")
aws --endpoint-url "$endpoint" s3api put-object --bucket "$BUCKET_NAME" --key "$key" --body "$result" \
  --content-type application/json > /dev/null
echo "publish: s3://$BUCKET_NAME/$key"
if [ -n "${PUSHGATEWAY_URL:-}" ]; then
  group=$(jq -r '"benchmark/\(.benchmark)/cluster/\(.cluster)"' "$result")
  jq -r '.summary as $s | [
      ["benchmark_throughput_bytes_per_second", $s.throughputBytesPerSecond, ""],
      ["benchmark_ops_per_second", $s.opsPerSecond, ""],
      ["benchmark_errors", $s.errors, ""],
      ($s.latencyMs | to_entries[] | ["benchmark_latency_milliseconds", .value, "{quantile=\"\(.key)\"}"]),
      ["benchmark_finished_timestamp_seconds", (.finishedAt | fromdateiso8601), ""]]
    | map(select(.[1] != null)) | group_by(.[0])[]
    | "# TYPE \(.[0][0]) gauge", (.[] | "\(.[0])\(.[2]) \(.[1])")' "$result" \
    | curl -fsS --data-binary @- "$PUSHGATEWAY_URL/metrics/job/benchmark/$group"
  echo "publish: pushed to $PUSHGATEWAY_URL/metrics/job/benchmark/$group"
fi
