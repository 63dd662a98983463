#!/usr/bin/env bash
# Measures ropa under load with wrk (Debian package `wrk`): a release build
# serving the demo organization from a fresh SQLite file, on loopback.
#   scripts/bench.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-32}"
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 1; }

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
