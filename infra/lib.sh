# shellcheck shell=bash
# Shared helpers for the infra scripts. Sourced, not run.
# Every service script follows one contract:
#   - if something already answers at the service's address, use it and start nothing;
#   - otherwise start it in the background, record its PID under $RUN_DIR, and wait
#     (bounded) until it is healthy; on failure print what failed and where its log is;
#   - stop only a process whose PID file we wrote, and only if it is still that process.
# `run` is the same service in the foreground, for a supervisor (PM2, see
# ecosystem.config.cjs): it prepares what the server needs, then execs it with the
# flags `start` uses, so the supervisor's PID is the server's own and it sees the
# server exit. It writes no PID file (the supervisor owns the process) and refuses
# to start a second server where one already answers.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${CAR_AUCTION_DATA_DIR:-$REPO_ROOT/.data}"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
# Built binaries and resolved classpaths live outside the clone so a fresh clone
# on the same machine (CI) reuses them.
CACHE_DIR="${CAR_AUCTION_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/car-auction}"
mkdir -p "$RUN_DIR" "$LOG_DIR" "$CACHE_DIR"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# port_open HOST PORT: true if a TCP connection succeeds within one second.
port_open() {
  timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s.
wait_until() {
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

pid_file() { echo "$RUN_DIR/$1.pid"; }

# our_pid NAME: prints the PID we recorded for NAME if that process is still alive.
our_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(cat "$file")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
  else
    rm -f "$file"
    return 1
  fi
}

# start_background NAME LOGFILE COMMAND...: runs COMMAND detached from this shell
# (its own session, so the caller's Ctrl-C or exit does not take it down).
start_background() {
  local name=$1 logfile=$2; shift 2
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
  if [[ -n ${INFRA_STARTED_RECORD:-} ]]; then echo "$name" >>"$INFRA_STARTED_RECORD"; fi
}

# refuse_if_taken NAME HOST PORT...: for `run`: fails if a server we started in the
# background is alive, or if anything already answers at one of the addresses.
refuse_if_taken() {
  local name=$1 host=$2 pid port; shift 2
  if pid=$(our_pid "$name"); then
    die "$name: already running in the background (pid $pid, started by \"start\"); stop it first (npm run services:down)"
  fi
  for port in "$@"; do
    if port_open "$host" "$port"; then die "$name: something already answers at $host:$port; not starting another"; fi
  done
}

# stop_ours NAME [GRACE_SECONDS]: SIGTERM the process we started, SIGKILL after grace.
stop_ours() {
  local name=$1 grace=${2:-20} pid
  if ! pid=$(our_pid "$name"); then
    log "$name: not started by these scripts; leaving it alone"
    return 0
  fi
  log "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "$name: still running after ${grace}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.3
  done
  rm -f "$(pid_file "$name")"
}

# fail_with_log NAME LOGFILE MESSAGE: prints the failure, the log's tail and where it is.
fail_with_log() {
  local name=$1 logfile=$2 message=$3
  log "$name: $message"
  if [[ -f $logfile ]]; then
    log "$name: last lines of $logfile:"
    tail -n 25 "$logfile" >&2 || true
  fi
  stop_ours "$name" 5 || true
  die "$name failed to start; full log: $logfile"
}

# apt_install PACKAGE...: installs Debian packages when a command is missing.
apt_install() {
  local sudo=''
  [[ $(id -u) -eq 0 ]] || sudo='sudo'
  log "installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
