#!/bin/sh
# Puts the live stream and its recordings into the stream's bucket, as ffmpeg finishes them. The
# cluster's uploader container and the lab run this same file (POSIX sh and curl, whose --aws-sigv4
# signs the S3 requests).
#
# Environment: BUCKET_HOST, BUCKET_PORT, BUCKET_NAME (the bucket claim's ConfigMap), AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY (its Secret), S3_SCHEME (http or https; http by default), LIVE_DIR and
# RECORDINGS_DIR (ffmpeg's outputs), CONFIG_DIR (the player page, bucket policy and lifecycle rules),
# WORK_DIR (this script's own notes; a new empty directory).
#
#   upload.sh          page, policy and lifecycle first; then every second what ffmpeg finished, until
#                      terminated, and a last pass then
#   upload.sh --once   the same, one pass only
umask 077
endpoint="${S3_SCHEME:-http}://${BUCKET_HOST:?}:${BUCKET_PORT:?}/${BUCKET_NAME:?}"
: "${LIVE_DIR:?}" "${RECORDINGS_DIR:?}" "${CONFIG_DIR:?}" "${WORK_DIR:?}"
touch "$WORK_DIR/live.uploaded"

# s3 METHOD PATH [curl arguments]: one signed request. The keys reach curl on its standard input
# (a config file), never in its arguments, where any process could read them. S3 wants the payload
# hash header on every SigV4 request, and curl adds it only when given (curl/curl#8810).
s3() {
    method=$1
    path=$2
    shift 2
    if ! printf 'user = "%s:%s"\n' "${AWS_ACCESS_KEY_ID:?}" "${AWS_SECRET_ACCESS_KEY:?}" |
        curl --config - --silent --show-error --fail-with-body --aws-sigv4 "aws:amz:us-east-1:s3" \
            -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -X "$method" "$@" "$endpoint/$path" \
            >"$WORK_DIR/response" 2>&1; then
        # S3's error document says why (AccessDenied, NoSuchBucket, ...)
        echo "upload: $method /$BUCKET_NAME/$path failed: $(tr -d '\n' <"$WORK_DIR/response")" >&2
        return 1
    fi
}

# put FILE KEY CONTENT-TYPE CACHE-CONTROL
put() {
    s3 PUT "$2" -T "$1" -H "Content-Type: $3" -H "Cache-Control: $4"
}

setup() {
    for page in index.html:text/html player.js:text/javascript player.css:text/css; do
        put "$CONFIG_DIR/${page%%:*}" "${page%%:*}" "${page#*:}; charset=utf-8" "no-cache" || return 1
    done
    # anyone may read the stream and list the recordings; only this claim's keys write. "?policy=",
    # not "?policy": curl before 8.x signs the query as written, and SigV4 canonicalises it "policy=".
    # (--data-binary: given -T, curl appends the file's name to a URL that ends in a slash)
    s3 PUT "?policy=" --data-binary "@$CONFIG_DIR/policy.json" -H "Content-Type: application/json" || return 1
    # recordings expire after the retention, stray live segments after a day (RGW needs Content-MD5 here)
    s3 PUT "?lifecycle=" --data-binary "@$CONFIG_DIR/lifecycle.xml" -H "Content-Type: application/xml" \
        -H "Content-MD5: $(cat "$CONFIG_DIR/lifecycle.md5")" || return 1
}

# The segments the playlist lists, then the playlist: a player never sees a segment it cannot fetch.
# Segments that left the playlist (ffmpeg deleted them here) leave the bucket too.
live() {
    [ -f "$LIVE_DIR/index.m3u8" ] || return 0
    cp "$LIVE_DIR/index.m3u8" "$WORK_DIR/index.m3u8" || return 1 # ffmpeg renames a new one in at any time
    grep -v '^#' "$WORK_DIR/index.m3u8" >"$WORK_DIR/listed"
    if [ ! -f "$WORK_DIR/init.uploaded" ] || [ "$LIVE_DIR/init.mp4" -nt "$WORK_DIR/init.uploaded" ]; then
        touch "$WORK_DIR/init.uploaded"
        put "$LIVE_DIR/init.mp4" live/init.mp4 video/mp4 "no-cache" || { rm -f "$WORK_DIR/init.uploaded"; return 1; }
    fi
    while read -r segment; do
        grep -qxF "$segment" "$WORK_DIR/live.uploaded" && continue
        put "$LIVE_DIR/$segment" "live/$segment" video/iso.segment "public, max-age=86400" || return 1
        echo "$segment" >>"$WORK_DIR/live.uploaded"
    done <"$WORK_DIR/listed"
    put "$WORK_DIR/index.m3u8" live/index.m3u8 application/vnd.apple.mpegurl "no-cache" || return 1
    : >"$WORK_DIR/kept"
    while read -r segment; do
        if grep -qxF "$segment" "$WORK_DIR/listed"; then
            echo "$segment" >>"$WORK_DIR/kept"
        elif ! s3 DELETE "live/$segment"; then
            echo "$segment" >>"$WORK_DIR/kept"
        fi
    done <"$WORK_DIR/live.uploaded"
    mv "$WORK_DIR/kept" "$WORK_DIR/live.uploaded"
}

# Each recording ffmpeg has closed (it lists them in recordings.csv then), removed here once stored.
recordings() {
    [ -f "$RECORDINGS_DIR/recordings.csv" ] || return 0
    cut -d, -f1 "$RECORDINGS_DIR/recordings.csv" | while read -r file; do
        [ -f "$RECORDINGS_DIR/$file" ] || continue
        put "$RECORDINGS_DIR/$file" "recordings/$file" video/mp4 "public, max-age=86400" || return 1
        rm -f "$RECORDINGS_DIR/$file"
    done
}

pass() {
    live && recordings
}

until setup; do
    echo "upload: cannot prepare bucket $BUCKET_NAME at $endpoint yet; retrying" >&2
    [ "${1:-}" = --once ] && exit 1
    sleep 5
done
if [ "${1:-}" = --once ]; then
    pass
    exit
fi
trap 'pass; exit 0' TERM INT
while :; do
    pass || echo "upload: a pass failed; retrying" >&2
    sleep 1 &
    wait $!
done
