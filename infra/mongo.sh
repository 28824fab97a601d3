#!/usr/bin/env bash
# A MongoDB-wire-compatible server: FerretDB built from source through the Go
# module proxy, on its PostgreSQL backend: a private PostgreSQL cluster from
# Debian's packages, on loopback, with its data under .data/.
# (The SQLite backend hung for good under restarting clients: its connection pool
# waited forever after a client was killed mid-write. PostgreSQL does not.)
# Usage: infra/mongo.sh install|start|run|run-postgres|stop|status
#   (run / run-postgres: FerretDB / its PostgreSQL in the foreground, for a supervisor)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MONGO_HOST="${MONGO_HOST:-127.0.0.1}"
MONGO_PORT="${MONGO_PORT:-27017}"
# v1.24.1 is refused by the module proxy here; v1.24.2 is the next patch release.
FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
FERRETDB_BIN="$CACHE_DIR/bin/ferretdb-$FERRETDB_VERSION"
MONGO_DATA="$DATA_DIR/ferretdb"
MONGO_LOG="$LOG_DIR/ferretdb.log"
PG_HOST=127.0.0.1
PG_PORT="${FERRETDB_PG_PORT:-5433}"
PG_DATA="$DATA_DIR/ferretdb-pg"
PG_LOG="$LOG_DIR/ferretdb-postgres.log"

# The newest installed PostgreSQL's bin folder (versions are plain numbers, so a version sort picks it).
pg_bin() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1; }
# PostgreSQL refuses to run as root: as root, run it as the postgres user (setpriv
# execs in place, so the PID we record is the server's own).
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}

install() {
  [[ -n $(pg_bin) && -x $(pg_bin)/postgres ]] || apt_install postgresql
  [[ -x $FERRETDB_BIN ]] && return 0
  command -v go >/dev/null || die "mongo: go not found (FerretDB is built from the Go module proxy)"
  log "mongo: building FerretDB $FERRETDB_VERSION from the Go module proxy (first run only, a few minutes)"
  local build_log="$LOG_DIR/ferretdb-build.log" module_dir src
  # `go install pkg@version` would ask the proxy for the module's version list,
  # which is refused here; downloading the exact version works.
  module_dir=$(cd "$CACHE_DIR" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || true
  [[ -n $module_dir && -d $module_dir ]] || die "mongo: could not download FerretDB $FERRETDB_VERSION through the Go module proxy"
  # FerretDB embeds build/version/version.txt (written by its release tooling, absent
  # from the module zip) and refuses to start without it, so build from a writable copy.
  src="$CACHE_DIR/src/ferretdb-$FERRETDB_VERSION"
  rm -rf "$src" && mkdir -p "$(dirname "$src")" && cp -r "$module_dir" "$src" && chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  (cd "$src" && go build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb) >"$build_log" 2>&1 \
    || { tail -n 30 "$build_log" >&2; die "mongo: FerretDB build failed (log: $build_log)"; }
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$src"
}

pg_ready() {
  our_pid ferretdb-postgres >/dev/null || fail_with_log ferretdb-postgres "$PG_LOG" "process exited during start-up"
  "$(pg_bin)/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" -U ferretdb
}

# init_cluster: creates FerretDB's PostgreSQL cluster (initdb's output on stdout).
init_cluster() {
  log "mongo: creating FerretDB's PostgreSQL cluster in $PG_DATA"
  rm -rf "$PG_DATA" && mkdir -p "$PG_DATA"
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$PG_DATA"; fi
  # As root the server runs as postgres, which must reach the data dir: a parent
  # made by mkdtemp (mode 0700) stops it with a bare "permission denied".
  as_pg test -w "$PG_DATA" || die "mongo: the postgres user cannot reach $PG_DATA; make its parent directories searchable (chmod o+x)"
  as_pg "$(pg_bin)/initdb" -D "$PG_DATA" -U ferretdb --auth=trust -E UTF8 2>&1
}
has_cluster() { [[ -f $PG_DATA/PG_VERSION ]]; }

# postgres_cmd / ferretdb_cmd: the servers' command lines, shared by start and run.
postgres_cmd() {
  POSTGRES_CMD=("$(pg_bin)/postgres" -D "$PG_DATA" -p "$PG_PORT"
    -c listen_addresses="$PG_HOST" -c unix_socket_directories="$PG_DATA" -c max_connections=200)
  if [[ $(id -u) -eq 0 ]]; then POSTGRES_CMD=(setpriv --reuid=postgres --regid=postgres --init-groups -- "${POSTGRES_CMD[@]}"); fi
}
# FerretDB's pool defaults to 50 PostgreSQL connections, and one update command holds one
# per statement until it ends: a few concurrent batches of updates used them all and hung
# it for every client. 150 of PostgreSQL's 200 leave room for psql and the cms's probes.
ferretdb_cmd() {
  FERRETDB_CMD=("$FERRETDB_BIN"
    --handler=postgresql --postgresql-url="postgres://ferretdb@$PG_HOST:$PG_PORT/ferretdb?pool_max_conns=${FERRETDB_POOL_MAX_CONNS:-150}"
    --state-dir="$MONGO_DATA/state" --listen-addr="$MONGO_HOST:$MONGO_PORT"
    --debug-addr=- --telemetry=disable --log-level=warn)
}

# ensure_database: FerretDB's database in its PostgreSQL, created once.
ensure_database() {
  local bin
  bin=$(pg_bin)
  if ! "$bin/psql" -h "$PG_HOST" -p "$PG_PORT" -U ferretdb -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ferretdb'" | grep -q 1; then
    "$bin/createdb" -h "$PG_HOST" -p "$PG_PORT" -U ferretdb ferretdb
  fi
}

start_postgres() {
  if our_pid ferretdb-postgres >/dev/null; then return 0; fi
  if port_open "$PG_HOST" "$PG_PORT"; then
    log "mongo: a PostgreSQL already answers at $PG_HOST:$PG_PORT; FerretDB will use it"
    return 0
  fi
  : >"$PG_LOG"
  if ! has_cluster; then init_cluster >>"$PG_LOG" || fail_with_log ferretdb-postgres "$PG_LOG" "initdb failed"; fi
  postgres_cmd
  start_background ferretdb-postgres "$PG_LOG" "${POSTGRES_CMD[@]}"
  wait_until 30 "PostgreSQL at $PG_HOST:$PG_PORT" pg_ready \
    || fail_with_log ferretdb-postgres "$PG_LOG" "not ready within 30s"
  ensure_database
}

mongo_ready() {
  our_pid mongo >/dev/null || fail_with_log mongo "$MONGO_LOG" "process exited during start-up"
  port_open "$MONGO_HOST" "$MONGO_PORT"
}

start() {
  if pid=$(our_pid mongo); then
    log "mongo: already running (pid $pid) at $MONGO_HOST:$MONGO_PORT"
    return 0
  fi
  if port_open "$MONGO_HOST" "$MONGO_PORT"; then
    log "mongo: something already answers at $MONGO_HOST:$MONGO_PORT; using it"
    return 0
  fi
  install
  start_postgres
  mkdir -p "$MONGO_DATA/state"
  : >"$MONGO_LOG"
  log "mongo: starting FerretDB $FERRETDB_VERSION at $MONGO_HOST:$MONGO_PORT (log: $MONGO_LOG)"
  ferretdb_cmd
  start_background mongo "$MONGO_LOG" "${FERRETDB_CMD[@]}"
  wait_until 30 "FerretDB at $MONGO_HOST:$MONGO_PORT" mongo_ready \
    || fail_with_log mongo "$MONGO_LOG" "not healthy within 30s"
  log "mongo: ready"
}

# run-postgres: FerretDB's PostgreSQL in the foreground (as the postgres user when
# root: setpriv execs in place, so the supervisor's PID is the server's own).
run_postgres() {
  refuse_if_taken ferretdb-postgres "$PG_HOST" "$PG_PORT"
  install
  if ! has_cluster; then init_cluster || die "mongo: initdb failed (see the output above)"; fi
  postgres_cmd
  log "mongo: PostgreSQL running in the foreground at $PG_HOST:$PG_PORT"
  exec "${POSTGRES_CMD[@]}"
}

# run: FerretDB in the foreground. Its PostgreSQL (run-postgres, or one already
# answering at its address) must come up within 30 s; otherwise this exits non-zero
# and the supervisor tries again later.
run() {
  refuse_if_taken mongo "$MONGO_HOST" "$MONGO_PORT"
  install
  wait_until 30 "FerretDB's PostgreSQL at $PG_HOST:$PG_PORT" "$(pg_bin)/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" -U ferretdb \
    || die "mongo: FerretDB's PostgreSQL at $PG_HOST:$PG_PORT is not ready"
  ensure_database
  mkdir -p "$MONGO_DATA/state"
  ferretdb_cmd
  log "mongo: FerretDB $FERRETDB_VERSION running in the foreground at $MONGO_HOST:$MONGO_PORT"
  exec "${FERRETDB_CMD[@]}"
}

status() {
  if pid=$(our_pid mongo); then echo "mongo: running (pid $pid, ours) at $MONGO_HOST:$MONGO_PORT"
  elif port_open "$MONGO_HOST" "$MONGO_PORT"; then echo "mongo: answering at $MONGO_HOST:$MONGO_PORT (not ours)"
  else echo "mongo: down"; return 1; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  run) run ;;
  run-postgres) run_postgres ;;
  stop) stop_ours mongo 10 && stop_ours ferretdb-postgres 20 ;;
  status) status ;;
  *) die "usage: $0 install|start|run|run-postgres|stop|status" ;;
esac
