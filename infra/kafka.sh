#!/usr/bin/env bash
# Apache Kafka in KRaft mode, single node, from the official jars on Maven Central.
# Usage: infra/kafka.sh install|start|run|stop|status   (run: in the foreground, for a supervisor)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
KAFKA_DIR="$REPO_ROOT/infra/kafka"
KAFKA_DATA="$DATA_DIR/kafka"
KAFKA_LOG="$LOG_DIR/kafka.log"

# The classpath file is keyed by the pom's content, so a version bump resolves anew.
classpath_file() {
  echo "$CACHE_DIR/kafka-classpath-$(sha256sum "$KAFKA_DIR/pom.xml" | cut -c1-16).txt"
}

install() {
  command -v java >/dev/null || die "kafka: java not found (Java 17 is required)"
  local cp_file
  cp_file=$(classpath_file)
  [[ -s $cp_file ]] && return 0
  command -v mvn >/dev/null || die "kafka: mvn not found (Maven resolves the broker jars)"
  log "kafka: resolving broker jars with Maven (first run only)"
  mvn -q -B -f "$KAFKA_DIR/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$cp_file.tmp" >"$LOG_DIR/kafka-maven.log" 2>&1 \
    || { tail -n 30 "$LOG_DIR/kafka-maven.log" >&2; die "kafka: Maven could not resolve the broker (log: $LOG_DIR/kafka-maven.log)"; }
  mv "$cp_file.tmp" "$cp_file"
}

# java_cmd: the JVM command line shared by the storage tool and the broker.
java_cmd() {
  # shellcheck disable=SC2206
  JAVA_CMD=(java $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties"
    -cp "$(cat "$(classpath_file)")")
}

run_java() {
  java_cmd
  "${JAVA_CMD[@]}" "$@"
}

write_config() {
  mkdir -p "$KAFKA_DATA"
  sed -e "s|@HOST@|$KAFKA_HOST|g" -e "s|@PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@LOG_DIRS@|$KAFKA_DATA/logs|g" \
    "$KAFKA_DIR/server.properties.template" >"$KAFKA_DATA/server.properties"
}

# format_storage: a new log dir is formatted once (KRaft needs a cluster id first).
format_storage() {
  [[ -f $KAFKA_DATA/logs/meta.properties ]] && return 0
  local cluster_id
  cluster_id=$(run_java kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOG" | tail -n 1)
  log "kafka: formatting storage (cluster $cluster_id)"
  run_java kafka.tools.StorageTool format --standalone -t "$cluster_id" \
    -c "$KAFKA_DATA/server.properties" >>"$KAFKA_LOG" 2>&1
}

start() {
  if pid=$(our_pid kafka); then
    log "kafka: already running (pid $pid) at $KAFKA_HOST:$KAFKA_PORT"
    return 0
  fi
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "kafka: something already answers at $KAFKA_HOST:$KAFKA_PORT; using it"
    return 0
  fi
  install
  write_config
  : >"$KAFKA_LOG"
  format_storage || fail_with_log kafka "$KAFKA_LOG" "storage format failed"
  log "kafka: starting at $KAFKA_HOST:$KAFKA_PORT (log: $KAFKA_LOG)"
  java_cmd
  start_background kafka "$KAFKA_LOG" "${JAVA_CMD[@]}" kafka.Kafka "$KAFKA_DATA/server.properties"
  wait_until 90 "kafka at $KAFKA_HOST:$KAFKA_PORT" kafka_ready \
    || fail_with_log kafka "$KAFKA_LOG" "not healthy within 90s"
  log "kafka: ready"
}

run() {
  refuse_if_taken kafka "$KAFKA_HOST" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
  install
  write_config
  format_storage || die "kafka: storage format failed (log: $KAFKA_LOG)"
  java_cmd
  log "kafka: running in the foreground at $KAFKA_HOST:$KAFKA_PORT"
  exec "${JAVA_CMD[@]}" kafka.Kafka "$KAFKA_DATA/server.properties"
}

# Healthy = the process lives, the listener accepts, and the broker has registered
# (the log line appears once the controller has admitted it).
kafka_ready() {
  our_pid kafka >/dev/null || fail_with_log kafka "$KAFKA_LOG" "process exited during start-up"
  port_open "$KAFKA_HOST" "$KAFKA_PORT" && grep -q "Kafka Server started" "$KAFKA_LOG"
}

status() {
  if pid=$(our_pid kafka); then echo "kafka: running (pid $pid, ours) at $KAFKA_HOST:$KAFKA_PORT"
  elif port_open "$KAFKA_HOST" "$KAFKA_PORT"; then echo "kafka: answering at $KAFKA_HOST:$KAFKA_PORT (not ours)"
  else echo "kafka: down"; return 1; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  run) run ;;
  stop) stop_ours kafka 30 ;;
  status) status ;;
  *) die "usage: $0 install|start|run|stop|status" ;;
esac
