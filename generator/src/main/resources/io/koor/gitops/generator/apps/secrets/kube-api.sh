# Sourced by the Jobs' scripts that keep Secrets through the Kubernetes API with curl (random-secret.sh,
# database-credentials.sh, session-secret.sh), from the directory they run from: what they share. The script
# sets `script` (the name its messages start with) before sourcing it. KUBE_API and SA_DIR default to the
# pod's in-cluster values. Needs curl, sed, base64, od, tr and head (busybox has them). Prints no secret.
sa=${SA_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}
api=${KUBE_API:-https://${KUBERNETES_SERVICE_HOST:?not in a pod}:${KUBERNETES_SERVICE_PORT:-443}}
here=$(cat "$sa/namespace")
answer=${TMPDIR:-/tmp}/$script.$$
trap 'rm -f "$answer"' EXIT

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

# fail WHAT STATUS: says what failed and the API's answer without any Secret's values, and stops
fail() {
  echo "$script: $1: the API answered $2" >&2
  sed 's/"data":{[^}]*}//; s/"stringData":{[^}]*}//' "$answer" >&2
  exit 1
}

# value_of KEY: the value under data.KEY of the Secret in $answer, decoded; empty when it has none
value_of() {
  sed -n 's/.*"'"$1"'":"\([A-Za-z0-9+/=]*\)".*/\1/p' "$answer" | head -n 1 | base64 -d
}

# 32 random bytes as 64 hex digits: nothing in them needs quoting in JSON or YAML
random() {
  head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n'
}

# keep_copy NAMESPACE NAME KEY VALUE BODY: makes the Secret NAMESPACE/NAME from BODY when it is missing, keeps
# it when its KEY holds VALUE, and otherwise replaces it with BODY
keep_copy() {
  copy_path="/api/v1/namespaces/$1/secrets"
  copy_status=$(call GET "$copy_path/$2") || fail "cannot reach the API at $api" none
  case $copy_status in
    404)
      copy_status=$(call POST "$copy_path" "$5")
      [ "$copy_status" = 201 ] || fail "creating $1/$2" "$copy_status"
      echo "$script: created $1/$2" ;;
    200)
      if [ "$(value_of "$3")" = "$4" ]; then
        echo "$script: $1/$2 is current; kept"
      else
        copy_status=$(call PUT "$copy_path/$2" "$5")
        [ "$copy_status" = 200 ] || fail "correcting $1/$2" "$copy_status"
        echo "$script: corrected $1/$2"
      fi ;;
    *) fail "reading $1/$2" "$copy_status" ;;
  esac
}
