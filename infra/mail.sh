#!/usr/bin/env bash
# A development mail server: Mailpit, built from source through the Go module proxy.
# It takes any mail over SMTP (any login or none), keeps the newest MAIL_MAX_MESSAGES
# in its SQLite file under .data/, and shows them in its web UI and its REST API
# (/api/v1/messages). Nothing leaves the machine: it relays nothing.
# Usage: infra/mail.sh install|start|run|stop|status   (run: in the foreground, for a supervisor)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MAIL_HOST="${MAIL_HOST:-127.0.0.1}"
MAIL_SMTP_PORT="${MAIL_SMTP_PORT:-1025}"
MAIL_UI_PORT="${MAIL_UI_PORT:-8025}"
# Mailpit deletes the oldest messages beyond this, so a long-lived machine stays bounded.
MAIL_MAX_MESSAGES="${MAIL_MAX_MESSAGES:-5000}"
MAILPIT_VERSION="${MAILPIT_VERSION:-v1.33.1}"
MAILPIT_BIN="$CACHE_DIR/bin/mailpit-$MAILPIT_VERSION"
MAIL_DATA="$DATA_DIR/mailpit"
MAIL_LOG="$LOG_DIR/mailpit.log"

install() {
  [[ -x $MAILPIT_BIN ]] && return 0
  command -v go >/dev/null || die "mail: go not found (Mailpit is built from the Go module proxy)"
  command -v npm >/dev/null || die "mail: npm not found (Mailpit's web UI is bundled with npm)"
  log "mail: building Mailpit $MAILPIT_VERSION from the Go module proxy (first run only, a few minutes)"
  local build_log="$LOG_DIR/mailpit-build.log" module_dir src
  # As for FerretDB: `go install pkg@version` would ask the proxy for the version
  # list, which is refused here; downloading the exact version works.
  module_dir=$(cd "$CACHE_DIR" && GOFLAGS=-mod=mod go mod download -json "github.com/axllent/mailpit@$MAILPIT_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || true
  [[ -n $module_dir && -d $module_dir ]] || die "mail: could not download Mailpit $MAILPIT_VERSION through the Go module proxy"
  # The binary embeds server/ui/, but the module zip has only the UI's sources
  # (server/ui-src/): the bundle (server/ui/dist/) is made by Mailpit's release
  # tooling. Without it SMTP and the API work and the web UI is a blank page. So
  # bundle it in a writable copy with Mailpit's own lockfile and esbuild config, less
  # what the bundle does not need or the registry does not serve (infra/mailpit-ui.cjs
  # says what), without install scripts (esbuild comes as a prebuilt platform package).
  src="$CACHE_DIR/src/mailpit-$MAILPIT_VERSION"
  rm -rf "$src" && mkdir -p "$(dirname "$src")" && cp -r "$module_dir" "$src" && chmod -R u+w "$src"
  : >"$build_log"
  if ! (node "$REPO_ROOT/infra/mailpit-ui.cjs" "$src" && cd "$src" \
    && npm install --legacy-peer-deps --ignore-scripts --no-audit --no-fund && npm run package) >>"$build_log" 2>&1 \
    || [[ ! -s $src/server/ui/dist/app.js ]]; then
    tail -n 30 "$build_log" >&2
    die "mail: bundling Mailpit's web UI failed (log: $build_log)"
  fi
  mkdir -p "$(dirname "$MAILPIT_BIN")"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=$MAILPIT_VERSION" -o "$MAILPIT_BIN.tmp" .) >>"$build_log" 2>&1 \
    || { tail -n 30 "$build_log" >&2; die "mail: Mailpit build failed (log: $build_log)"; }
  mv "$MAILPIT_BIN.tmp" "$MAILPIT_BIN"
  rm -rf "$src"
}

# server_cmd: the server's command line, shared by start and run (one place for flags).
server_cmd() {
  # Any SMTP login is accepted, or none, over plain SMTP (a dev server on loopback).
  # No reverse DNS and no update check: this machine has no network to ask.
  SERVER_CMD=("$MAILPIT_BIN"
    --smtp "$MAIL_HOST:$MAIL_SMTP_PORT" --listen "$MAIL_HOST:$MAIL_UI_PORT"
    --database "$MAIL_DATA/mailpit.db" --max "$MAIL_MAX_MESSAGES"
    --smtp-auth-accept-any --smtp-auth-allow-insecure --smtp-disable-rdns
    --disable-version-check)
}

# Healthy = the process lives, its API answers /readyz, and SMTP accepts.
mail_ready() {
  our_pid mail >/dev/null || fail_with_log mail "$MAIL_LOG" "process exited during start-up"
  "$MAILPIT_BIN" readyz --listen "$MAIL_HOST:$MAIL_UI_PORT" >/dev/null 2>&1 && port_open "$MAIL_HOST" "$MAIL_SMTP_PORT"
}

start() {
  if pid=$(our_pid mail); then
    log "mail: already running (pid $pid) at smtp://$MAIL_HOST:$MAIL_SMTP_PORT, UI http://$MAIL_HOST:$MAIL_UI_PORT"
    return 0
  fi
  if port_open "$MAIL_HOST" "$MAIL_SMTP_PORT"; then
    log "mail: something already answers at $MAIL_HOST:$MAIL_SMTP_PORT; using it"
    return 0
  fi
  install
  mkdir -p "$MAIL_DATA"
  : >"$MAIL_LOG"
  log "mail: starting Mailpit $MAILPIT_VERSION at smtp://$MAIL_HOST:$MAIL_SMTP_PORT, UI http://$MAIL_HOST:$MAIL_UI_PORT (log: $MAIL_LOG)"
  server_cmd
  start_background mail "$MAIL_LOG" "${SERVER_CMD[@]}"
  wait_until 20 "Mailpit at $MAIL_HOST:$MAIL_SMTP_PORT and $MAIL_HOST:$MAIL_UI_PORT" mail_ready \
    || fail_with_log mail "$MAIL_LOG" "not healthy within 20s"
  log "mail: ready"
}

run() {
  refuse_if_taken mail "$MAIL_HOST" "$MAIL_SMTP_PORT" "$MAIL_UI_PORT"
  install
  mkdir -p "$MAIL_DATA"
  server_cmd
  log "mail: Mailpit $MAILPIT_VERSION running in the foreground at smtp://$MAIL_HOST:$MAIL_SMTP_PORT, UI http://$MAIL_HOST:$MAIL_UI_PORT"
  exec "${SERVER_CMD[@]}"
}

status() {
  if pid=$(our_pid mail); then echo "mail: running (pid $pid, ours) at smtp://$MAIL_HOST:$MAIL_SMTP_PORT, UI http://$MAIL_HOST:$MAIL_UI_PORT"
  elif port_open "$MAIL_HOST" "$MAIL_SMTP_PORT"; then echo "mail: answering at $MAIL_HOST:$MAIL_SMTP_PORT (not ours)"
  else echo "mail: down"; return 1; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  run) run ;;
  stop) stop_ours mail 10 ;;
  status) status ;;
  *) die "usage: $0 install|start|run|stop|status" ;;
esac
