#!/usr/bin/env bash
# Installs what the local services need, once per machine (cached afterwards):
# Redis from Debian's packages, the Kafka broker jars through Maven, FerretDB and
# Mailpit through Go (Mailpit's web UI bundled with npm).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
INFRA="$REPO_ROOT/infra"

bash "$INFRA/redis.sh" install
bash "$INFRA/kafka.sh" install
bash "$INFRA/mongo.sh" install
bash "$INFRA/mail.sh" install
