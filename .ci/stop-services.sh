#!/usr/bin/env bash
# Stops the Redis and PostgreSQL servers that .ci/services.sh started, and removes their
# throwaway data. Same settings as that script: PAPERBOY_TEST_REDIS_PORT (16379),
# PAPERBOY_TEST_POSTGRES_PORT (15432), PAPERBOY_SERVICES_DIR (/tmp/paperboy-test-services-<uid>).
# Servers it did not start (no pid file / cluster in that directory) are left alone.
set -euo pipefail

redis_port="${PAPERBOY_TEST_REDIS_PORT:-16379}"
pg_port="${PAPERBOY_TEST_POSTGRES_PORT:-15432}"
dir="${PAPERBOY_SERVICES_DIR:-/tmp/paperboy-test-services-$(id -u)}"

as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

# Alive and not a zombie (an orphaned daemon can stay <defunct> until init reaps it).
alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ -n "$stat" && "${stat:0:1}" != Z ]]
}

# Redis: only the one whose pid file is ours (SIGTERM = shutdown; it has no persistence).
pidfile="$dir/redis/redis.pid"
if [[ -s "$pidfile" ]] && alive "$(cat "$pidfile")"; then
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid"; then
    echo "services: redis (pid $pid) did not stop" >&2
  else
    echo "services: redis on 127.0.0.1:$redis_port stopped"
  fi
else
  echo "services: no redis started by .ci/services.sh is running"
fi
rm -rf "$dir/redis"

# PostgreSQL: the cluster in our directory.
data="$dir/postgres/data"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)" || true
if [[ -f "$data/postmaster.pid" && -n "$bindir" ]]; then
  if as_pg "$bindir/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1; then
    echo "services: postgres on 127.0.0.1:$pg_port stopped"
  else
    echo "services: postgres in $data did not stop cleanly (see $dir/postgres/postgres.log)" >&2
  fi
else
  echo "services: no postgres started by .ci/services.sh is running"
fi
rm -rf "$dir/postgres" "$dir/initdb.log"
rmdir "$dir" 2>/dev/null || true
