#!/bin/sh
# Visitor bot: fetches each of VISITOR_URLS (space-separated) in turn, every VISITOR_PAUSE seconds, for
# VISITOR_SECONDS, as a reader of the site would; prints one line per fetch (status, bytes, seconds)
# and fails when nothing was answered. A URL ending in .m3u8 is watched as an HLS player does: the
# playlist, then its init segment (EXT-X-MAP) and its newest VISITOR_SEGMENTS media segments.
# Needs curl, sed and tail (busybox has them).
set -eu
: "${VISITOR_URLS:?is not set: the pages to visit}"
pause=${VISITOR_PAUSE:-5}
seconds=${VISITOR_SECONDS:-240}
segments=${VISITOR_SEGMENTS:-3}
tmp=${TMPDIR:-/tmp}/visitor.$$
trap 'rm -f "$tmp"' EXIT
end=$(( $(date +%s) + seconds ))
ok=0 failed=0

# fetch URL [FILE]: one request, counted and logged; the body goes to FILE (default: dropped). Each waits at
# most 30 s and no longer than the time left (1 s once it is up), so a round begun in time ends within seconds of
# VISITOR_SECONDS, well inside the CronJob's deadline (VISITOR_SECONDS and a minute).
fetch() {
  left=$(( end - $(date +%s) ))
  [ "$left" -ge 1 ] || left=1
  [ "$left" -le 30 ] || left=30
  if line=$(curl -sS -o "${2:-/dev/null}" -w '%{http_code} %{size_download} %{time_total}' --max-time "$left" "$1"); then
    case $line in 2*|3*) ok=$((ok + 1)); status=0 ;; *) failed=$((failed + 1)); status=1 ;; esac
  else
    failed=$((failed + 1)); line="error"; status=1
  fi
  echo "visit $1: $line"
  return $status
}

# the absolute URL of playlist entry $2 of the playlist at $1
resolve() {
  case $2 in
    http://*|https://*) echo "$2" ;;
    /*) echo "$(echo "$1" | sed 's|^\(https\{0,1\}://[^/]*\).*|\1|')$2" ;;
    *) echo "${1%/*}/$2" ;;
  esac
}

watch() {
  fetch "$1" "$tmp" || return 0
  init=$(sed -n 's/^#EXT-X-MAP:.*URI="\([^"]*\)".*/\1/p' "$tmp" | tail -n 1)
  [ -z "$init" ] || fetch "$(resolve "$1" "$init")" || true
  for entry in $(sed -e 's/\r$//' -e '/^#/d' -e '/^$/d' "$tmp" | tail -n "$segments"); do
    fetch "$(resolve "$1" "$entry")" || true
  done
}

while [ "$(date +%s)" -lt "$end" ]; do
  for url in $VISITOR_URLS; do
    case $url in
      *.m3u8) watch "$url" ;;
      *) fetch "$url" || true ;;
    esac
  done
  left=$(( end - $(date +%s) ))
  [ "$left" -le 0 ] || sleep "$(( pause < left ? pause : left ))"
done
echo "visitor: $ok fetches answered, $failed failed"
[ "$ok" -gt 0 ]
