#!/usr/bin/env bash
# A MongoDB-wire-compatible server: FerretDB built from source through the Go
# module proxy, with its SQLite backend and data under .data/.
# Usage: infra/mongo.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MONGO_HOST="${MONGO_HOST:-127.0.0.1}"
MONGO_PORT="${MONGO_PORT:-27017}"
# v1.24.1 is refused by the module proxy here; v1.24.2 is the next patch release.
FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
FERRETDB_BIN="$CACHE_DIR/bin/ferretdb-$FERRETDB_VERSION"
MONGO_DATA="$DATA_DIR/ferretdb"
MONGO_LOG="$LOG_DIR/ferretdb.log"

install() {
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
  mkdir -p "$MONGO_DATA/sqlite" "$MONGO_DATA/state"
  : >"$MONGO_LOG"
  log "mongo: starting FerretDB $FERRETDB_VERSION at $MONGO_HOST:$MONGO_PORT (log: $MONGO_LOG)"
  start_background mongo "$MONGO_LOG" "$FERRETDB_BIN" \
    --handler=sqlite --sqlite-url="file:$MONGO_DATA/sqlite/" \
    --state-dir="$MONGO_DATA/state" --listen-addr="$MONGO_HOST:$MONGO_PORT" \
    --debug-addr=- --telemetry=disable --log-level=warn
  wait_until 30 "FerretDB at $MONGO_HOST:$MONGO_PORT" mongo_ready \
    || fail_with_log mongo "$MONGO_LOG" "not healthy within 30s"
  log "mongo: ready"
}

status() {
  if pid=$(our_pid mongo); then echo "mongo: running (pid $pid, ours) at $MONGO_HOST:$MONGO_PORT"
  elif port_open "$MONGO_HOST" "$MONGO_PORT"; then echo "mongo: answering at $MONGO_HOST:$MONGO_PORT (not ours)"
  else echo "mongo: down"; return 1; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop_ours mongo 10 ;;
  status) status ;;
  *) die "usage: $0 install|start|stop|status" ;;
esac
