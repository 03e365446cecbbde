#!/bin/sh
# Makes the credentials of the applications that use a PostgreSQL cluster, in the cluster, so that none is in
# Git: per client a random password, kept in the database's namespace as the kubernetes.io/basic-auth Secret
# CloudNativePG's managed role reads (username, password; labelled cnpg.io/reload so the operator sees
# changes), and copied into the application's namespace as the Secret its pods read libpq's variables from
# (host, port, dbname, username, password). A password that exists is kept; the application's copy is made
# again or corrected from it. Prints no secret.
# Settings: DB_CLUSTER (the CloudNativePG cluster), DB_HOST (its read-write Service), CLIENTS (space-separated
# NAMESPACE/ROLE pairs). The API calls are kube-api.sh's (beside this script).
set -eu
: "${DB_CLUSTER:?is not set: the PostgreSQL cluster}"
: "${DB_HOST:?is not set: the cluster's read-write Service}"
: "${CLIENTS:?is not set: NAMESPACE/ROLE of each application}"
script=database-credentials
. "${0%/*}/kube-api.sh"
labels='"app.kubernetes.io/part-of":"'"$DB_CLUSTER"'","app.kubernetes.io/managed-by":"demo-gitops"'

for client in $CLIENTS; do
  namespace=${client%%/*}
  role=${client#*/}
  kept="$DB_CLUSTER-role-$(echo "$role" | tr _ -)"
  path="/api/v1/namespaces/$here/secrets"
  status=$(call GET "$path/$kept") || fail "cannot reach the API at $api" none
  case $status in
    200) password=$(value_of password) ;;
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
  keep_copy "$namespace" "$copy" password "$password" "$body"
done
