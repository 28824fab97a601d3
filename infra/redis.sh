#!/usr/bin/env bash
# Redis from Debian's redis-server package, installed with apt when missing.
# Usage: infra/redis.sh install|start|run|stop|status   (run: in the foreground, for a supervisor)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DATA="$DATA_DIR/redis"
REDIS_LOG="$LOG_DIR/redis.log"

install() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  apt_install redis-server
}

# server_cmd: the server's command line, shared by start and run (one place for flags).
server_cmd() {
  # AOF on, fsync every second: the same durability docker-compose gives Redis.
  SERVER_CMD=(redis-server --bind "$REDIS_HOST" --port "$REDIS_PORT"
    --dir "$REDIS_DATA" --appendonly yes --appendfsync everysec --save ''
    --daemonize no --protected-mode yes)
}

redis_ready() {
  our_pid redis >/dev/null || fail_with_log redis "$REDIS_LOG" "process exited during start-up"
  [[ $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

start() {
  if pid=$(our_pid redis); then
    log "redis: already running (pid $pid) at $REDIS_HOST:$REDIS_PORT"
    return 0
  fi
  if port_open "$REDIS_HOST" "$REDIS_PORT"; then
    log "redis: something already answers at $REDIS_HOST:$REDIS_PORT; using it"
    return 0
  fi
  install
  mkdir -p "$REDIS_DATA"
  : >"$REDIS_LOG"
  log "redis: starting at $REDIS_HOST:$REDIS_PORT (log: $REDIS_LOG)"
  server_cmd
  start_background redis "$REDIS_LOG" "${SERVER_CMD[@]}"
  wait_until 20 "redis at $REDIS_HOST:$REDIS_PORT" redis_ready \
    || fail_with_log redis "$REDIS_LOG" "not healthy within 20s"
  log "redis: ready"
}

run() {
  refuse_if_taken redis "$REDIS_HOST" "$REDIS_PORT"
  install
  mkdir -p "$REDIS_DATA"
  server_cmd
  log "redis: running in the foreground at $REDIS_HOST:$REDIS_PORT"
  exec "${SERVER_CMD[@]}"
}

status() {
  if pid=$(our_pid redis); then echo "redis: running (pid $pid, ours) at $REDIS_HOST:$REDIS_PORT"
  elif port_open "$REDIS_HOST" "$REDIS_PORT"; then echo "redis: answering at $REDIS_HOST:$REDIS_PORT (not ours)"
  else echo "redis: down"; return 1; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  run) run ;;
  stop) stop_ours redis 10 ;;
  status) status ;;
  *) die "usage: $0 install|start|run|stop|status" ;;
esac
