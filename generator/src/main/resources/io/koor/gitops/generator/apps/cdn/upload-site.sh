#!/bin/sh
# Uploads the static site in SITE_DIR to the bucket of the site's ObjectBucketClaim, each file with its
# Content-Type and Cache-Control, and lets anyone read (never list or write) its objects, so the caching
# server can fetch them without keys. Idempotent: a second run puts the same objects and the same policy.
# In the cluster it runs as a Job, with BUCKET_HOST, BUCKET_PORT, BUCKET_NAME from the claim's ConfigMap and
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY from its Secret; in the lab the same file runs against the lab's
# gateway (S3_ENDPOINT overrides http://BUCKET_HOST:BUCKET_PORT).
set -eu
: "${SITE_DIR:?the directory holding the site}" "${BUCKET_NAME:?}" "${AWS_ACCESS_KEY_ID:?}" "${AWS_SECRET_ACCESS_KEY:?}"
endpoint="${S3_ENDPOINT:-http://${BUCKET_HOST:?}:${BUCKET_PORT:?}}"
# RGW ignores the region, the signer needs one; checksums only where S3 requires them (older RGWs reject
# the CRC trailers newer AWS CLIs send by default).
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required

s3() {
  aws --endpoint-url "$endpoint" "$@"
}

# Pages change in place under the same name: browsers revalidate on every load (max-age=0 with
# must-revalidate, answered by a 304 when unchanged) while the shared cache in front keeps them for a
# minute (s-maxage). Every other file is fingerprinted (its name holds a hash of its content), so a
# name never gets new content: it is cached for a year and never revalidated (immutable).
content_type() {
  case "$1" in
    *.html) echo "text/html; charset=utf-8" ;;
    *.css) echo "text/css; charset=utf-8" ;;
    *.js) echo "text/javascript; charset=utf-8" ;;
    *.svg) echo "image/svg+xml" ;;
    *.png) echo "image/png" ;;
    *.webp) echo "image/webp" ;;
    *.ttf) echo "font/ttf" ;;
    *.woff2) echo "font/woff2" ;;
    *.txt) echo "text/plain; charset=utf-8" ;;
    *) echo "application/octet-stream" ;;
  esac
}

cache_control() {
  case "$1" in
    *.html) echo "public, max-age=0, s-maxage=60, must-revalidate" ;;
    *) echo "public, max-age=31536000, immutable" ;;
  esac
}

put() {
  s3 s3 cp --only-show-errors --content-type "$(content_type "$1")" --cache-control "$(cache_control "$1")" \
    "$SITE_DIR/$1" "s3://$BUCKET_NAME/$1"
  echo "uploaded $1 ($(content_type "$1"); $(cache_control "$1"))"
}

# A ConfigMap volume lists its files beside hidden ..data entries: plain names only.
files=$(cd "$SITE_DIR" && ls -1 | sort)
[ -n "$files" ] || { echo "upload-site: $SITE_DIR holds no files" >&2; exit 1; }
# Assets first, pages last: a page is never served before what it refers to. Earlier fingerprinted files
# stay, so a page a browser or the cache still holds keeps working.
for f in $files; do
  case "$f" in *.html) ;; *) put "$f" ;; esac
done
for f in $files; do
  case "$f" in *.html) put "$f" ;; esac
done
statement="{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\"]},\"Action\":[\"s3:GetObject\"],"
statement="$statement\"Resource\":[\"arn:aws:s3:::$BUCKET_NAME/*\"]}"
s3 s3api put-bucket-policy --bucket "$BUCKET_NAME" --policy "{\"Version\":\"2012-10-17\",\"Statement\":[$statement]}"
echo "upload-site: $(echo "$files" | wc -l) files in s3://$BUCKET_NAME at $endpoint, readable by anyone"
