#!/usr/bin/env bash
# S3 churn bot: puts, replaces and deletes objects of random sizes under a fixed set of names in one
# bucket, and never takes the bucket above its limits: a put that would pass CHURN_MAX_OBJECTS or
# CHURN_MAX_BYTES becomes a delete, and while the bucket is above a limit (the limits were lowered,
# or someone else wrote) every step deletes. The bucket is listed once per run; one run at a time
# (the CronJob's concurrencyPolicy: Forbid) keeps that listing true.
#
# Settings (environment): BUCKET_NAME, and S3_ENDPOINT or BUCKET_HOST/BUCKET_PORT (an ObjectBucketClaim's
# ConfigMap), AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (its Secret); CHURN_PREFIX, CHURN_FILES,
# CHURN_MIN_OBJECT_BYTES, CHURN_MAX_OBJECT_BYTES, CHURN_MAX_OBJECTS, CHURN_MAX_BYTES, CHURN_STEPS.
# Needs bash 4, coreutils and the aws CLI (v1 or v2).
set -euo pipefail

: "${BUCKET_NAME:?is not set: the ConfigMap of the bucket claim gives it}"
endpoint=${S3_ENDPOINT:-}
if [[ -z $endpoint ]]; then
  : "${BUCKET_HOST:?is not set: give S3_ENDPOINT, or the ConfigMap of the bucket claim}"
  port=${BUCKET_PORT:-80}
  scheme=http
  [[ $port == 443 ]] && scheme=https
  endpoint="$scheme://$BUCKET_HOST:$port"
fi
prefix=${CHURN_PREFIX:-churn/}
files=${CHURN_FILES:-200}
min=${CHURN_MIN_OBJECT_BYTES:-4096}
max=${CHURN_MAX_OBJECT_BYTES:-4194304}
max_objects=${CHURN_MAX_OBJECTS:-100}
max_bytes=${CHURN_MAX_BYTES:-268435456}
steps=${CHURN_STEPS:-20}
if (( files < 1 || min < 1 || max < min || max_objects < 1 || max_bytes < max || steps < 1 )); then
  echo "churn: inconsistent settings: files=$files object bytes $min..$max max_objects=$max_objects max_bytes=$max_bytes steps=$steps" >&2
  exit 2
fi
# RGW releases before Squid reject the CRC trailers newer aws CLIs send by default
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
export AWS_PAGER=""
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

s3() { aws --endpoint-url "$endpoint" s3api "$@"; }
# 30 random bits (bash's RANDOM gives 15)
rand() { echo $(( (RANDOM << 15) | RANDOM )); }

declare -A size=()
total=0
while read -r key bytes; do
  [[ -z $key || $key == None ]] && continue
  size[$key]=$bytes
  total=$(( total + bytes ))
done < <(s3 list-objects-v2 --bucket "$BUCKET_NAME" --prefix "$prefix" --query 'Contents[].[Key,Size]' --output text)

puts=0 deletes=0 held=0
for (( step = 0; step < steps; step++ )); do
  count=${#size[@]}
  name=$(printf '%sfile-%04d.bin' "$prefix" $(( $(rand) % files )))
  bytes=$(( min + $(rand) % (max - min + 1) ))
  old=${size[$name]:-0}
  exists=${size[$name]+1}
  new_count=$(( count + (${exists:-0} ? 0 : 1) ))
  new_total=$(( total - old + bytes ))
  within=$(( count <= max_objects && total <= max_bytes && new_count <= max_objects && new_total <= max_bytes ))
  # two puts to one delete while there is room, so the bucket fills up to its limits and stays there
  if (( within && (count == 0 || $(rand) % 3 != 0) )); then
    head -c "$bytes" /dev/urandom > "$work/body"
    s3 put-object --bucket "$BUCKET_NAME" --key "$name" --body "$work/body" > /dev/null
    size[$name]=$bytes
    total=$new_total
    puts=$(( puts + 1 ))
  elif (( count > 0 )); then
    (( within )) || held=$(( held + 1 ))
    keys=("${!size[@]}")
    victim=${keys[$(( $(rand) % count ))]}
    s3 delete-object --bucket "$BUCKET_NAME" --key "$victim" > /dev/null
    total=$(( total - size[$victim] ))
    unset "size[$victim]"
    deletes=$(( deletes + 1 ))
  fi
done
echo "churn: $puts puts, $deletes deletes ($held held back by a limit); bucket $BUCKET_NAME now" \
  "${#size[@]} objects, $total bytes (limits $max_objects objects, $max_bytes bytes)"
