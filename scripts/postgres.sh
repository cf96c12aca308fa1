#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests (Debian's postgresql package:
# initdb and pg_ctl from /usr/lib/postgresql/*/bin), in a folder of /tmp named after this
# checkout (or DIR; a folder the postgres user can reach when run as root), listening
# on 127.0.0.1 only, on a free port, trusting local connections (nothing but the tests
# can reach it), and prints the URL the tests read from ONETHING_TEST_POSTGRES_URL:
#
#   export ONETHING_TEST_POSTGRES_URL="$(scripts/postgres.sh start [DIR])"
#   scripts/postgres.sh stop [DIR]
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user
# (which the package creates) and every command runs through runuser. Starting again
# stops the previous cluster and begins with an empty one.
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-start}
dir=${2:-${TMPDIR:-/tmp}/onething-test-postgres-$(id -u)-$(printf '%s' "$PWD" | cksum | cut -d' ' -f1)}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL's initdb is not installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
}
case "$command" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "usage: scripts/postgres.sh start|stop [DIR]" >&2; exit 64 ;;
esac
stop
rm -rf "$dir"
mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_owner "$bin/initdb" -D "$dir/data" -U onething --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
echo "postgres://onething@127.0.0.1:$port/postgres"
