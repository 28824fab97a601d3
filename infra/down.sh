#!/usr/bin/env bash
# Stops the services these scripts started (by their recorded PIDs); leaves
# anything else that answers on the same ports alone.
# Usage: infra/down.sh [--only RECORD_FILE]   (RECORD_FILE: names written by up.sh)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
INFRA="$REPO_ROOT/infra"

services=(kafka mongo redis)
if [[ ${1:-} == --only ]]; then
  [[ -f ${2:-} ]] || exit 0
  mapfile -t services < <(sort -u "$2")
fi

status=0
for name in "${services[@]}"; do
  [[ -n $name ]] || continue
  bash "$INFRA/$name.sh" stop || status=1
done
exit $status
