#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and the integration binary on SQLite
# and PostgreSQL, with the browser tests in headless Chromium.
#
# PostgreSQL: uses LERNREGION_TEST_POSTGRES_URL if set, else a server on
# 127.0.0.1:5432 (trust auth, user postgres) if one answers, else starts a
# throwaway cluster from Debian's postgresql package and removes it afterwards
# (LERNREGION_TEST_THROWAWAY_PG=1 forces the throwaway cluster).
set -euo pipefail
cd "$(dirname "$0")/.."

pg_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A freshly installed Debian cluster answers but wants a password; only a
# server that lets user postgres in without one is usable here.
pg_lets_us_in() {
  ! command -v psql >/dev/null ||
    PGCONNECT_TIMEOUT=5 psql -w "postgres://postgres@127.0.0.1:$1/postgres" -c 'SELECT 1' >/dev/null 2>&1
}

cleanup() { :; }
if [[ -z "${LERNREGION_TEST_POSTGRES_URL:-}" ]]; then
  if [[ -z "${LERNREGION_TEST_THROWAWAY_PG:-}" ]] && pg_answers 5432 && pg_lets_us_in 5432; then
    export LERNREGION_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
  else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
      echo "No PostgreSQL server on 127.0.0.1:5432 and no initdb found." >&2
      echo "Install Debian's postgresql package or set LERNREGION_TEST_POSTGRES_URL." >&2
      exit 1
    fi
    pgdir=$(mktemp -d /tmp/lernregion-pg.XXXXXX)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
    as_pg=()
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres "$pgdir"
      as_pg=(runuser -u postgres --)
    fi
    "${as_pg[@]}" "$bindir/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -k $pgdir -c max_connections=300" start >/dev/null
    cleanup() { "${as_pg[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
    export LERNREGION_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
    echo "Started a throwaway PostgreSQL cluster on port $port."
  fi
fi
trap cleanup EXIT
echo "PostgreSQL for tests: $LERNREGION_TEST_POSTGRES_URL"
cargo test --locked "$@"
