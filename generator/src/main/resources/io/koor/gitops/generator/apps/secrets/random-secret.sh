#!/bin/sh
# Makes a random secret in the cluster, so that none is in Git: 64 hex digits kept in the Job's namespace
# (Secret SECRET_NAME, key SECRET_KEY), and copied into other namespaces that need the same value (COPIES:
# space-separated NAMESPACE/NAME/KEY, or empty), such as an OAuth client's secret shared with Dex, or a database
# user's password. A value that exists is kept; a copy is made again or corrected from it. Prints no secret.
# Needs curl, sed, base64, od, tr and head (busybox has them). PART_OF labels the Secrets; KUBE_API and SA_DIR
# default to the pod's in-cluster values.
set -eu
: "${SECRET_NAME:?is not set: the Secret to keep}"
: "${SECRET_KEY:?is not set: its key}"
: "${PART_OF:?is not set: what the Secrets belong to (their part-of label)}"
copies=${COPIES:-}
sa=${SA_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}
api=${KUBE_API:-https://${KUBERNETES_SERVICE_HOST:?not in a pod}:${KUBERNETES_SERVICE_PORT:-443}}
here=$(cat "$sa/namespace")
answer=${TMPDIR:-/tmp}/random-secret.$$
trap 'rm -f "$answer"' EXIT
labels='"app.kubernetes.io/part-of":"'"$PART_OF"'","app.kubernetes.io/managed-by":"demo-gitops"'

# call METHOD PATH [BODY]: prints the HTTP status; the answer is in $answer
call() {
  if [ $# -gt 2 ]; then
    printf '%s' "$3" | curl -sS -o "$answer" -w '%{http_code}' --max-time 30 --cacert "$sa/ca.crt" \
      -H "Authorization: Bearer $(cat "$sa/token")" -H 'Content-Type: application/json' -X "$1" \
      --data-binary @- "$api$2"
  else
    curl -sS -o "$answer" -w '%{http_code}' --max-time 30 --cacert "$sa/ca.crt" \
      -H "Authorization: Bearer $(cat "$sa/token")" -X "$1" "$api$2"
  fi
}

fail() {
  echo "random-secret: $1: the API answered $2" >&2
  sed 's/"data":{[^}]*}//; s/"stringData":{[^}]*}//' "$answer" >&2
  exit 1
}

# the value under data.KEY of the Secret in $answer, decoded; empty when it has none
value_of() {
  sed -n 's/.*"'"$1"'":"\([A-Za-z0-9+/=]*\)".*/\1/p' "$answer" | head -n 1 | base64 -d
}

random() {
  head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n'
}

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
  path="/api/v1/namespaces/$namespace/secrets"
  body=$(secret "$namespace" "$name" "$key" "$value")
  status=$(call GET "$path/$name")
  case $status in
    404)
      status=$(call POST "$path" "$body")
      [ "$status" = 201 ] || fail "creating $namespace/$name" "$status"
      echo "random-secret: created $namespace/$name" ;;
    200)
      if [ "$(value_of "$key")" = "$value" ]; then
        echo "random-secret: $namespace/$name is current; kept"
      else
        status=$(call PUT "$path/$name" "$body")
        [ "$status" = 200 ] || fail "correcting $namespace/$name" "$status"
        echo "random-secret: corrected $namespace/$name"
      fi ;;
    *) fail "reading $namespace/$name" "$status" ;;
  esac
done
