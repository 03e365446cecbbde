#!/bin/sh
# Makes the Data Control Center's session Secret once, in the cluster, so that no secret is in Git: random
# cookie and JWT secrets and the admin login's password, as a Helm values document (key values.yaml) that
# Flux's HelmRelease reads through valuesFrom, and the password again under adminPassword for people.
# Creates it with the API's POST, so an existing Secret (409 Conflict) is kept as it is: the sessions and the
# password survive re-runs. Prints no secret. Needs curl, od, tr and head (busybox has them).
# Settings: SECRET_NAME, ADMIN_USER; KUBE_API and SA_DIR default to the pod's in-cluster values.
set -eu
: "${SECRET_NAME:?is not set: the Secret to make}"
: "${ADMIN_USER:?is not set: the admin login's name}"
sa=${SA_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}
api=${KUBE_API:-https://${KUBERNETES_SERVICE_HOST:?not in a pod}:${KUBERNETES_SERVICE_PORT:-443}}
namespace=$(cat "$sa/namespace")
answer=${TMPDIR:-/tmp}/session-secret.$$
trap 'rm -f "$answer"' EXIT

# 32 random bytes as 64 hex digits: nothing in them needs quoting in JSON or YAML
random() {
  head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n'
}

cookie=$(random)
jwt=$(random)
password=$(random)
case $cookie$jwt$password in
  *[!0-9a-f]*) echo "session-secret: random values are not hex; is od missing?" >&2; exit 1 ;;
esac
[ ${#cookie} -eq 64 ] || { echo "session-secret: /dev/urandom gave too little" >&2; exit 1; }

values="config:\\n  http:\\n    sessions:\\n      cookieSecret: \\\"$cookie\\\"\\n  jwt:\\n    secret: \\\"$jwt\\\"\\n"
values="$values  users:\\n    - username: \\\"$ADMIN_USER\\\"\\n      password: \\\"$password\\\"\\n"
labels='"app.kubernetes.io/name":"data-control-center","app.kubernetes.io/managed-by":"demo-gitops"'
metadata=$(printf '{"name":"%s","labels":{%s}}' "$SECRET_NAME" "$labels")
data=$(printf '{"values.yaml":"%s","adminPassword":"%s"}' "$values" "$password")
body=$(printf '{"apiVersion":"v1","kind":"Secret","type":"Opaque","metadata":%s,"stringData":%s}' "$metadata" "$data")

status=$(printf '%s' "$body" | curl -sS -o "$answer" -w '%{http_code}' --max-time 30 --cacert "$sa/ca.crt" \
  -H "Authorization: Bearer $(cat "$sa/token")" -H 'Content-Type: application/json' -X POST --data-binary @- \
  "$api/api/v1/namespaces/$namespace/secrets") || { echo "session-secret: cannot reach the API at $api" >&2; exit 1; }
case $status in
  201) echo "session-secret: created Secret $namespace/$SECRET_NAME" ;;
  409) echo "session-secret: Secret $namespace/$SECRET_NAME exists; kept" ;;
  *) echo "session-secret: the API answered $status:" >&2; sed 's/"stringData":{[^}]*}//' "$answer" >&2; exit 1 ;;
esac
