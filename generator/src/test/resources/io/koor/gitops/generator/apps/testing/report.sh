#!/bin/sh
# Lists the bucket the claim gives this pod; a stand-in for the scripts applications ship.
set -eu
echo "bucket ${BUCKET_NAME} at ${BUCKET_HOST}:${BUCKET_PORT}"
