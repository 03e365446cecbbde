#!/bin/sh
# Visitor bot: fetches each of VISITOR_URLS (space-separated) in turn, every VISITOR_PAUSE seconds, for
# VISITOR_SECONDS, as a reader of the site would; prints one line per visit (status, bytes, seconds)
# and fails when no visit succeeded. Needs curl.
set -eu
: "${VISITOR_URLS:?is not set: the pages to visit}"
pause=${VISITOR_PAUSE:-5}
seconds=${VISITOR_SECONDS:-240}
end=$(( $(date +%s) + seconds ))
ok=0 failed=0
while [ "$(date +%s)" -lt "$end" ]; do
  for url in $VISITOR_URLS; do
    if line=$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}' --max-time 30 "$url"); then
      case $line in 2*|3*) ok=$((ok + 1)) ;; *) failed=$((failed + 1)) ;; esac
    else
      failed=$((failed + 1)); line="error"
    fi
    echo "visit $url: $line"
  done
  sleep "$pause"
done
echo "visitor: $ok visits answered, $failed failed"
[ "$ok" -gt 0 ]
