#!/bin/sh
# Makes the credentials of the applications that use a PostgreSQL cluster, in the cluster, so that none is in
# Git: per client a random password, kept in the database's namespace as the kubernetes.io/basic-auth Secret
# CloudNativePG's managed role reads (username, password; labelled cnpg.io/reload so the operator sees
# changes), and copied into the application's namespace as the Secret its pods read libpq's variables from
# (host, port, dbname, username, password). A password that exists is kept; the application's copy is made
# again or corrected from it. Prints no secret. Needs curl, sed, base64, od, tr and head (busybox has them).
# Settings: DB_CLUSTER (the CloudNativePG cluster), DB_HOST (its read-write Service), CLIENTS (space-separated
# NAMESPACE/ROLE pairs); KUBE_API and SA_DIR default to the pod's in-cluster values.
set -eu
: "${DB_CLUSTER:?is not set: the PostgreSQL cluster}"
: "${DB_HOST:?is not set: the cluster's read-write Service}"
: "${CLIENTS:?is not set: NAMESPACE/ROLE of each application}"
sa=${SA_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}
api=${KUBE_API:-https://${KUBERNETES_SERVICE_HOST:?not in a pod}:${KUBERNETES_SERVICE_PORT:-443}}
here=$(cat "$sa/namespace")
answer=${TMPDIR:-/tmp}/credentials.$$
trap 'rm -f "$answer"' EXIT
labels='"app.kubernetes.io/part-of":"'"$DB_CLUSTER"'","app.kubernetes.io/managed-by":"demo-gitops"'

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
  echo "database-credentials: $1: the API answered $2" >&2
  sed 's/"data":{[^}]*}//; s/"stringData":{[^}]*}//' "$answer" >&2
  exit 1
}

# the Secret's data.password, decoded; empty when it has none
password_of() {
  sed -n 's/.*"password":"\([A-Za-z0-9+/=]*\)".*/\1/p' "$answer" | head -n 1 | base64 -d
}

random() {
  head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n'
}

for client in $CLIENTS; do
  namespace=${client%%/*}
  role=${client#*/}
  kept="$DB_CLUSTER-role-$(echo "$role" | tr _ -)"
  path="/api/v1/namespaces/$here/secrets"
  status=$(call GET "$path/$kept") || fail "cannot reach the API at $api" none
  case $status in
    200) password=$(password_of) ;;
    404)
      password=$(random)
      body='{"apiVersion":"v1","kind":"Secret","type":"kubernetes.io/basic-auth","metadata":{"name":"'"$kept"'",'
      body=$body'"labels":{'"$labels"',"cnpg.io/reload":"true"}},"stringData":{"username":"'"$role"'",'
      body=$body'"password":"'"$password"'"}}'
      status=$(call POST "$path" "$body")
      [ "$status" = 201 ] || fail "creating $here/$kept" "$status"
      echo "database-credentials: created $here/$kept" ;;
    *) fail "reading $here/$kept" "$status" ;;
  esac
  case $password in
    ''|*[!0-9a-f]*) echo "database-credentials: $here/$kept holds no password this script made" >&2; exit 1 ;;
  esac

  copy="postgres-$DB_CLUSTER"
  body='{"apiVersion":"v1","kind":"Secret","type":"Opaque","metadata":{"name":"'"$copy"'","namespace":"'"$namespace"'",'
  body=$body'"labels":{'"$labels"'}},"stringData":{"host":"'"$DB_HOST"'","port":"5432","dbname":"'"$role"'",'
  body=$body'"username":"'"$role"'","password":"'"$password"'"}}'
  path="/api/v1/namespaces/$namespace/secrets"
  status=$(call GET "$path/$copy")
  case $status in
    404)
      status=$(call POST "$path" "$body")
      [ "$status" = 201 ] || fail "creating $namespace/$copy" "$status"
      echo "database-credentials: created $namespace/$copy" ;;
    200)
      if [ "$(password_of)" = "$password" ]; then
        echo "database-credentials: $namespace/$copy is current; kept"
      else
        status=$(call PUT "$path/$copy" "$body")
        [ "$status" = 200 ] || fail "correcting $namespace/$copy" "$status"
        echo "database-credentials: corrected $namespace/$copy"
      fi ;;
    *) fail "reading $namespace/$copy" "$status" ;;
  esac
done
