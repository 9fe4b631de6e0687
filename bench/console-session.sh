# Sourced by the console benchmarks once the server answers on localhost:8080:
# demo FIELD reads /sandbox/info (demo '["console"]["operator"]["login"]'), and
# sign_in COOKIE_JAR signs the demo operator in through the console's form.
for i in $(seq 1 60); do INFO=$(curl -sf localhost:8080/sandbox/info) && break; sleep 1; done
[ -n "${INFO:-}" ] || { echo "the server did not start" >&2; exit 1; }
demo() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1" <<<"$INFO"; }
sign_in() {
  local csrf
  csrf=$(curl -s -c "$1" -b "$1" localhost:8080/console/login | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$1" -b "$1" --data-urlencode "username=$(demo '["console"]["operator"]["login"]')" \
    --data-urlencode "password=$(demo '["console"]["operator"]["password"]')" --data-urlencode "_csrf=$csrf" \
    localhost:8080/console/login
}
