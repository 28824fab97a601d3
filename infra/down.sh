#!/usr/bin/env bash
# Stops the services these scripts started (by their recorded PIDs); leaves
# anything else that answers on the same ports alone.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
INFRA="$REPO_ROOT/infra"

status=0
bash "$INFRA/kafka.sh" stop || status=1
bash "$INFRA/mongo.sh" stop || status=1
bash "$INFRA/redis.sh" stop || status=1
exit $status
