#!/usr/bin/env bash
# Brings up Kafka, Redis, the MongoDB-compatible server and the development mail
# server as local processes (or uses ones already answering at their addresses),
# then ensures the topics.
# Idempotent: running it twice starts nothing twice.
# Usage: infra/up.sh [--record FILE]   (FILE gets the names of the services this run started)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
INFRA="$REPO_ROOT/infra"

if [[ ${1:-} == --record ]]; then export INFRA_STARTED_RECORD="$2"; fi

bash "$INFRA/redis.sh" start
bash "$INFRA/mongo.sh" start
bash "$INFRA/kafka.sh" start
bash "$INFRA/mail.sh" start
# The topics go to the broker this script just checked (KAFKA_HOST/KAFKA_PORT), unless
# KAFKA_BROKERS names another.
KAFKA_BROKERS="${KAFKA_BROKERS:-${KAFKA_HOST:-127.0.0.1}:${KAFKA_PORT:-9092}}" node "$INFRA/kafka-topics.cjs"
