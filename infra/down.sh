#!/usr/bin/env bash
# Stops the services these scripts started (by their recorded PIDs); leaves
# anything else that answers on the same ports alone.
# Usage: infra/down.sh [--only RECORD_FILE]   (RECORD_FILE: names written by up.sh)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
INFRA="$REPO_ROOT/infra"

services=(mail kafka mongo redis)
if [[ ${1:-} == --only ]]; then
  [[ -f ${2:-} ]] || exit 0
  # FerretDB's PostgreSQL is stopped by mongo.sh, with FerretDB; every other recorded
  # name is its script's (mail: mail.sh, Mailpit).
  mapfile -t services < <(sed 's/^ferretdb-postgres$/mongo/' "$2" | sort -u)
fi

status=0
for name in "${services[@]}"; do
  [[ -n $name ]] || continue
  bash "$INFRA/$name.sh" stop || status=1
done
exit $status
