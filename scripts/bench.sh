#!/usr/bin/env bash
# Measures ropa under load with wrk (Debian packages `wrk`, `jq`): a release
# build serving the demo organization from a fresh SQLite file, on loopback;
# then how long refusing hostile documents takes.
#   scripts/bench.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-32}"
for tool in wrk jq curl; do
  command -v "$tool" >/dev/null || { echo "install $tool (apt-get install $tool)" >&2; exit 1; }
done

cargo build --release -q
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
export ROPA_DATABASE_URL="sqlite://$work/bench.db?mode=rwc" ROPA_LISTEN=127.0.0.1:18188 RUST_LOG=warn
target/release/ropa serve --demo > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:18188/readyz >/dev/null && break; sleep 0.2; done
export ROPA_TOKEN=$(target/release/ropa token --org rezulto --role viewer)

run() {
  echo "== $1"
  shift
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|errors'
}
run "public statement page (HTML)" http://127.0.0.1:18188/statements/rezulto/nl
etag=$(curl -sI http://127.0.0.1:18188/statements/rezulto/nl | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
run "public statement page, revalidated (304)" -H "If-None-Match: $etag" http://127.0.0.1:18188/statements/rezulto/nl
run "GraphQL nested activity list (20 activities' bases, data, subjects, recipients, agreements)" \
  -s scripts/bench/nested.lua http://127.0.0.1:18188/graphql

# Hostile documents are refused before they run: how long a refusal takes.
fan_out() { # n: each fragment spreads the next one twice
  local n=$1 doc="{ ...F0 } "
  for i in $(seq 0 $((n - 1))); do doc+="fragment F$i on Query { ...F$((i + 1)) ...F$((i + 1)) } "; done
  printf '%s' "${doc}fragment F$n on Query { __typename }"
}
repeat() { # n field: n aliases of field
  local doc="{"
  for i in $(seq 1 "$1"); do doc+=" a$i: $2"; done
  printf '%s }' "$doc"
}
refuse() {
  local body
  body=$(jq -Rs '{query: .}' <<<"$2")
  printf '%-48s %6s bytes  ' "$1" "${#2}"
  curl -s -o /dev/null -w '%{http_code} in %{time_total} s\n' -H 'Content-Type: application/json' \
    --data-binary "$body" http://127.0.0.1:18188/graphql
}
echo "== refusals (one request each, anonymous)"
refuse "fragment fan-out, 2^26 fields" "$(fan_out 26)"
refuse "2,001 aliases of __typename" "$(repeat 2001 __typename)"
refuse "300 aliased statements (html, markdown)" \
  "$(repeat 300 'publishedStatement(organization: "rezulto", language: NL) { html markdown }')"
