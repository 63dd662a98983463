#!/usr/bin/env bash
# Runs the whole test suite twice: on SQLite, then on PostgreSQL.
# PostgreSQL, Chromium and Node.js are installed (Debian) when missing,
# PostgreSQL is started when it is not running; each test creates its own
# database there. The Node clients of tests/clients are installed with npm ci.
# Set ROPA_TEST_POSTGRES_URL to use another server.
set -euo pipefail
cd "$(dirname "$0")/.."

postgres_url="${ROPA_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

# Debian packages the tests need and a fresh machine lacks: PostgreSQL (unless
# another server is given), Chromium for the browser test, Node.js and npm for
# the GraphQL over HTTP audit.
install_missing() {
  local missing=()
  if [ -z "${ROPA_TEST_POSTGRES_URL:-}" ] && ! command -v pg_ctlcluster >/dev/null 2>&1; then
    missing+=(postgresql postgresql-client)
  fi
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return
    sleep 1
  done
  echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2
  exit 1
}

# The tests' databases: dropped after a green run, and before each run
# (those a failed run left behind).
drop_old_test_databases() {
  psql "$postgres_url" -Atc "select datname from pg_database where datname like 'ropa_test_%'" 2>/dev/null |
    while read -r name; do psql "$postgres_url" -qc "drop database if exists \"$name\"" >/dev/null 2>&1 || true; done
}

install_missing
(cd tests/clients && npm ci --no-audit --no-fund)
cargo test --workspace --no-run
echo "== tests on SQLite =="
ROPA_TEST_DATABASE_URL=sqlite cargo test --workspace
echo "== tests on PostgreSQL =="
ensure_postgres
drop_old_test_databases
ROPA_TEST_DATABASE_URL="$postgres_url" cargo test --workspace
drop_old_test_databases
