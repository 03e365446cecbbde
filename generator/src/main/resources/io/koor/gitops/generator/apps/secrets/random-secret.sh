#!/bin/sh
# Makes a random secret in the cluster, so that none is in Git: 64 hex digits kept in the Job's namespace
# (Secret SECRET_NAME, key SECRET_KEY), and copied into other namespaces that need the same value (COPIES:
# space-separated NAMESPACE/NAME/KEY, or empty), such as an OAuth client's secret shared with Dex, or a database
# user's password. A value that exists is kept; a copy is made again or corrected from it. Prints no secret.
# PART_OF labels the Secrets. The API calls are kube-api.sh's (beside this script).
set -eu
: "${SECRET_NAME:?is not set: the Secret to keep}"
: "${SECRET_KEY:?is not set: its key}"
: "${PART_OF:?is not set: what the Secrets belong to (their part-of label)}"
copies=${COPIES:-}
script=random-secret
. "${0%/*}/kube-api.sh"
labels='"app.kubernetes.io/part-of":"'"$PART_OF"'","app.kubernetes.io/managed-by":"demo-gitops"'

# secret NAMESPACE NAME KEY VALUE: the JSON of an Opaque Secret holding KEY=VALUE
secret() {
  printf '{"apiVersion":"v1","kind":"Secret","type":"Opaque","metadata":{"name":"%s","namespace":"%s","labels":{%s}},"stringData":{"%s":"%s"}}' \
    "$2" "$1" "$labels" "$3" "$4"
}

path="/api/v1/namespaces/$here/secrets"
status=$(call GET "$path/$SECRET_NAME") || fail "cannot reach the API at $api" none
case $status in
  200) value=$(value_of "$SECRET_KEY") ;;
  404)
    value=$(random)
    status=$(call POST "$path" "$(secret "$here" "$SECRET_NAME" "$SECRET_KEY" "$value")")
    [ "$status" = 201 ] || fail "creating $here/$SECRET_NAME" "$status"
    echo "random-secret: created $here/$SECRET_NAME" ;;
  *) fail "reading $here/$SECRET_NAME" "$status" ;;
esac
case $value in
  ''|*[!0-9a-f]*) echo "random-secret: $here/$SECRET_NAME holds no $SECRET_KEY this script made" >&2; exit 1 ;;
esac

for copy in $copies; do
  namespace=${copy%%/*}
  rest=${copy#*/}
  name=${rest%%/*}
  key=${rest#*/}
  keep_copy "$namespace" "$name" "$key" "$value" "$(secret "$namespace" "$name" "$key" "$value")"
done
