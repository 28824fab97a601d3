#!/usr/bin/env bash
# `npm run services:reset`: empties the local services' data for a clean start: the
# Kafka log dirs (the `bids` backlog), Redis's AOF, FerretDB's state and its PostgreSQL
# cluster, Mailpit's messages, the PID files, the logs and the supervisor's PM2 home,
# all under the data dir ($CAR_AUCTION_DATA_DIR, default .data/). Kept: the cms's own
# database (cms/.tmp/data.db, or <data dir>/cms for a stack with its own data dir), the
# app's build, and the caches outside the clone (Kafka jars in ~/.m2, the FerretDB and
# Mailpit binaries in ~/.cache/car-auction).
# It refuses while a service of this data dir is running (stop it first: Ctrl-C the
# `npm start`, or `npm run services:down`), rather than stopping anything itself.
# Asks before deleting; without a terminal to ask on, deletes only with --yes.
# Usage: infra/reset.sh [--yes]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

yes=false
for arg in "$@"; do
  case $arg in
    --yes | -y) yes=true ;;
    *) die "usage: $0 [--yes]" ;;
  esac
done

# What the services write under the data dir; nothing else there is touched.
targets=(kafka redis ferretdb ferretdb-pg mailpit run logs pm2)

# Running = a PID file of ours whose process lives, the supervisor's PM2 daemon, or
# any process whose command line names this data dir (a server left without its PID file).
running=()
for name in redis mongo ferretdb-postgres kafka mail; do
  if pid=$(our_pid "$name"); then running+=("$name (pid $pid)"); fi
done
pm2_home="${CAR_AUCTION_PM2_HOME:-$DATA_DIR/pm2}"
if [[ -f $pm2_home/pm2.pid ]] && kill -0 "$(cat "$pm2_home/pm2.pid")" 2>/dev/null; then
  running+=("the PM2 daemon of npm start (pid $(cat "$pm2_home/pm2.pid"))")
fi
data_dir_pattern=$(printf '%s/' "$DATA_DIR" | sed 's/[][\.*^$+?(){}|]/\\&/g')
while read -r pid args; do
  [[ $pid == "$$" ]] && continue
  running+=("pid $pid: ${args:0:100}")
done < <(pgrep -a -f -- "$data_dir_pattern" || true)
if ((${#running[@]} > 0)); then
  log "reset: services of $DATA_DIR are running; stop them first (Ctrl-C the npm start, or npm run services:down):"
  for line in "${running[@]}"; do log "  $line"; done
  exit 1
fi

present=()
for target in "${targets[@]}"; do
  # (lib.sh has just created run/ and logs/: an empty folder is nothing to remove.)
  if [[ -n $(ls -A "$DATA_DIR/$target" 2>/dev/null) ]]; then present+=("$DATA_DIR/$target"); fi
done
if ((${#present[@]} == 0)); then
  log "reset: nothing to remove in $DATA_DIR"
  exit 0
fi
log "reset: this removes the local services' data:"
du -sh "${present[@]}" 2>/dev/null | sed 's/^/[infra]   /' >&2 || true

if [[ $yes != true ]]; then
  if [[ ! -t 0 ]]; then
    log "reset: no terminal to ask on and no --yes: nothing removed"
    exit 1
  fi
  read -r -p "[infra] remove them? [y/N] " answer
  if [[ ! $answer =~ ^[Yy]([Ee][Ss])?$ ]]; then
    log "reset: nothing removed"
    exit 1
  fi
fi

rm -rf -- "${present[@]}"
log "reset: removed; the next start begins with empty services"
