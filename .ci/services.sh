# shellcheck shell=bash
# Real Redis and PostgreSQL servers on 127.0.0.1 for the storage tests.
#
#   source .ci/services.sh        # from .ci/run, or by hand in a developer's shell
#   bash .ci/stop-services.sh     # stops both again
#
# Installs the Debian packages redis-server and postgresql when their binaries are missing,
# starts a throwaway Redis (no persistence) and a throwaway PostgreSQL cluster (in a
# directory under /tmp) on unusual ports, and exports
#
#   PAPERBOY_TEST_REDIS_URL=redis://127.0.0.1:16379
#   PAPERBOY_TEST_POSTGRES_URL=postgresql://paperboy:paperboy@127.0.0.1:15432/paperboy_test
#
# Sourcing it again reuses servers that already answer on those ports. Without root and
# without sudo, when something would have to be installed, it says so and exports nothing
# (the storage tests then skip). Any other failure returns non-zero, so that a CI run
# under `set -e` stops there instead of silently skipping the storage tests.
#
# Settings (environment): PAPERBOY_TEST_REDIS_PORT (16379), PAPERBOY_TEST_POSTGRES_PORT
# (15432), PAPERBOY_SERVICES_DIR (/tmp/paperboy-test-services-<uid>).
#
# It is meant to be sourced by a script running with `set -euo pipefail`: everything runs in
# functions that check each step themselves, change no shell option, and leave behind only
# the two exported variables.

_pb_say() { printf 'services: %s\n' "$*"; }
_pb_err() { printf 'services: ERROR: %s\n' "$*" >&2; }

# Is something listening on 127.0.0.1:$1?
_pb_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

_pb_pg_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)" || true
  [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] || return 1
  printf '%s\n' "$d"
}

_pb_have_binaries() {
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 \
    && command -v psql >/dev/null 2>&1 && command -v pg_isready >/dev/null 2>&1 \
    && _pb_pg_bindir >/dev/null
}

# Installs the packages. Returns 0 when installed (or already there), 2 to skip, 1 on error.
_pb_install() {
  _pb_have_binaries && return 0
  local -a su=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      su=(sudo -n)
    else
      _pb_say "redis-server/postgresql are not installed, and installing them needs root or" \
        "passwordless sudo: skipping; the Redis and PostgreSQL storage tests will be skipped."
      return 2
    fi
  fi
  _pb_say "installing redis-server and postgresql with apt-get"
  # Keep the packages' own services (system Redis on 6379, cluster 'main' on 5432) from being
  # started by their install scripts when nothing forbids that already.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e "$policy" ]]; then
    if printf '#!/bin/sh\nexit 101\n' | "${su[@]}" tee "$policy" >/dev/null \
      && "${su[@]}" chmod 755 "$policy"; then
      added_policy=1
    fi
  fi
  local rc=0 log
  log="$(mktemp "${TMPDIR:-/tmp}/paperboy-apt.XXXXXX")" || return 1
  "${su[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 -q update \
    >"$log" 2>&1 || rc=$?
  if [[ "$rc" -eq 0 ]]; then
    "${su[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 -q \
      -y --no-install-recommends install redis-server postgresql >>"$log" 2>&1 || rc=$?
  fi
  if [[ "$added_policy" -eq 1 ]]; then "${su[@]}" rm -f "$policy" || true; fi
  if [[ "$rc" -ne 0 ]]; then
    tail -n 30 "$log" >&2 || true
    _pb_err "apt-get failed (exit $rc); full log: $log"
    return 1
  fi
  rm -f "$log"
  hash -r
  _pb_have_binaries || { _pb_err "installed, but redis-server/psql/initdb still missing"; return 1; }
}

# (timeout: a listener that is not Redis may accept and never answer)
_pb_redis_up() {
  [[ "$(timeout 3 redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == "PONG" ]]
}

_pb_start_redis() {
  local port="$1" dir="$2/redis" i
  if _pb_redis_up "$port"; then
    _pb_say "redis: reusing the server already answering on 127.0.0.1:$port"
    return 0
  fi
  if _pb_port_busy "$port"; then
    _pb_err "port $port is taken by something that is not Redis; set PAPERBOY_TEST_REDIS_PORT"
    return 1
  fi
  mkdir -p "$dir" || return 1
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save '' --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null \
    || { _pb_err "redis-server failed to start (see $dir/redis.log)"; return 1; }
  for ((i = 0; i < 100; i++)); do
    _pb_redis_up "$port" && return 0
    sleep 0.1
  done
  _pb_err "redis-server did not answer PING on port $port within 10 s (see $dir/redis.log)"
  return 1
}

# Runs a command as the owner of the cluster: 'postgres' when we are root, else ourselves.
_pb_as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

_pb_pg_url_works() {
  PGCONNECT_TIMEOUT=3 psql -X -q -t -A "$1" -c 'select 1' >/dev/null 2>&1
}

# Creates the role and the database when missing (connects as superuser through the socket).
_pb_pg_provision() {
  local bindir="$1" sock="$2" port="$3"
  local -a sql=("$bindir/psql" -X -q -t -A -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres)
  local have
  have="$(_pb_as_pg "${sql[@]}" -d postgres \
    -c "select count(*) from pg_roles where rolname = 'paperboy'")" || return 1
  # CREATEDB: the migration tests make throwaway databases, apart from the storage suite's.
  if [[ "$have" != "1" ]]; then
    _pb_as_pg "${sql[@]}" -d postgres \
      -c "create role paperboy login createdb password 'paperboy'" >/dev/null || return 1
  else
    _pb_as_pg "${sql[@]}" -d postgres -c "alter role paperboy createdb" >/dev/null || return 1
  fi
  have="$(_pb_as_pg "${sql[@]}" -d postgres \
    -c "select count(*) from pg_database where datname = 'paperboy_test'")" || return 1
  if [[ "$have" != "1" ]]; then
    _pb_as_pg "${sql[@]}" -d postgres \
      -c "create database paperboy_test owner paperboy" >/dev/null || return 1
  fi
}

_pb_start_postgres() {
  local port="$1" url="$3" bindir base="$2/postgres" i
  local data="$base/data" sock="$base/socket" log="$base/postgres.log"
  bindir="$(_pb_pg_bindir)" || { _pb_err "no /usr/lib/postgresql/*/bin/initdb"; return 1; }

  if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 2>/dev/null; then
    if [[ -S "$sock/.s.PGSQL.$port" ]]; then
      _pb_pg_provision "$bindir" "$sock" "$port" || true
    fi
    if _pb_pg_url_works "$url"; then
      _pb_say "postgres: reusing the server already answering on 127.0.0.1:$port"
      return 0
    fi
    _pb_err "a PostgreSQL server on port $port does not accept paperboy/paperboy_test; set PAPERBOY_TEST_POSTGRES_PORT"
    return 1
  fi
  if _pb_port_busy "$port"; then
    _pb_err "port $port is taken by something that is not PostgreSQL; set PAPERBOY_TEST_POSTGRES_PORT"
    return 1
  fi

  # Not running: a leftover cluster (e.g. after a reboot) is thrown away and made anew.
  if [[ -d "$data" ]]; then
    _pb_as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$base" && mkdir -p "$data" "$sock" || return 1
  if [[ "$(id -u)" -eq 0 ]]; then chown -R postgres: "$base" || return 1; fi
  chmod 700 "$data" || return 1

  _pb_as_pg "$bindir/initdb" -D "$data" -U postgres -E UTF8 --locale=C --no-sync \
    --auth-local=trust --auth-host=scram-sha-256 >"$2/initdb.log" 2>&1 \
    || { _pb_err "initdb failed (see $2/initdb.log)"; return 1; }
  # Only 127.0.0.1, a private socket directory, and no durability (it is a throwaway).
  _pb_as_pg tee -a "$data/postgresql.conf" >/dev/null <<EOF || return 1

# paperboy test cluster (.ci/services.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
EOF
  _pb_as_pg "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 30 start >/dev/null \
    || { _pb_err "PostgreSQL failed to start (see $log)"; return 1; }
  for ((i = 0; i < 100; i++)); do
    "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1 2>/dev/null && break
    sleep 0.1
  done
  _pb_pg_provision "$bindir" "$sock" "$port" \
    || { _pb_err "could not create role paperboy / database paperboy_test"; return 1; }
  _pb_pg_url_works "$url" \
    || { _pb_err "PostgreSQL is up but $url does not connect (see $log)"; return 1; }
}

_pb_services_main() {
  local redis_port="${PAPERBOY_TEST_REDIS_PORT:-16379}"
  local pg_port="${PAPERBOY_TEST_POSTGRES_PORT:-15432}"
  local dir="${PAPERBOY_SERVICES_DIR:-/tmp/paperboy-test-services-$(id -u)}"
  local redis_url="redis://127.0.0.1:$redis_port"
  local pg_url="postgresql://paperboy:paperboy@127.0.0.1:$pg_port/paperboy_test"
  local rc=0 started=$SECONDS

  _pb_install || rc=$?
  [[ "$rc" -eq 2 ]] && return 0
  [[ "$rc" -eq 0 ]] || return 1
  mkdir -p "$dir" && chmod 755 "$dir" || { _pb_err "cannot create $dir"; return 1; }

  _pb_start_redis "$redis_port" "$dir" || return 1
  _pb_start_postgres "$pg_port" "$dir" "$pg_url" || return 1

  export PAPERBOY_TEST_REDIS_URL="$redis_url"
  export PAPERBOY_TEST_POSTGRES_URL="$pg_url"
  _pb_say "redis up: PAPERBOY_TEST_REDIS_URL=$PAPERBOY_TEST_REDIS_URL"
  _pb_say "postgres up: PAPERBOY_TEST_POSTGRES_URL=$PAPERBOY_TEST_POSTGRES_URL"
  _pb_say "ready in $((SECONDS - started)) s"
}

_pb_services_rc=0
_pb_services_main || _pb_services_rc=$?
unset -f _pb_say _pb_err _pb_port_busy _pb_pg_bindir _pb_have_binaries _pb_install \
  _pb_redis_up _pb_start_redis _pb_as_pg _pb_pg_url_works _pb_pg_provision \
  _pb_start_postgres _pb_services_main
if [[ "$_pb_services_rc" -ne 0 ]]; then
  # `return` when sourced (as intended); `exit` when run as a plain script.
  return "$_pb_services_rc" 2>/dev/null || exit "$_pb_services_rc"
fi
unset _pb_services_rc
