#!/bin/sh
# Makes the Data Control Center's session Secret once, in the cluster, so that no secret is in Git: random
# cookie and JWT secrets and the admin login's password, as a Helm values document (key values.yaml) that
# Flux's HelmRelease reads through valuesFrom, and the password again under adminPassword for people.
# Creates it with the API's POST, so an existing Secret (409 Conflict) is kept as it is: the sessions and the
# password survive re-runs. Prints no secret.
# Settings: SECRET_NAME, ADMIN_USER. The API calls are kube-api.sh's (beside this script).
set -eu
: "${SECRET_NAME:?is not set: the Secret to make}"
: "${ADMIN_USER:?is not set: the admin login's name}"
script=session-secret
. "${0%/*}/kube-api.sh"

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

status=$(call POST "/api/v1/namespaces/$here/secrets" "$body") || fail "cannot reach the API at $api" none
case $status in
  201) echo "session-secret: created Secret $here/$SECRET_NAME" ;;
  409) echo "session-secret: Secret $here/$SECRET_NAME exists; kept" ;;
  *) fail "creating $here/$SECRET_NAME" "$status" ;;
esac
