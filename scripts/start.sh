#!/usr/bin/env bash
# Installs what is missing, starts Kafka, Redis and the MongoDB-compatible server
# (unless already running), builds the cms and runs it on :1337 in the foreground.
# Ctrl-C stops the cms and the services this run started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

record=$(mktemp)
children=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash infra/down.sh --only "$record" || true
  rm -f "$record"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
bash infra/up.sh --record "$record"

# The admin panel build (about a minute, 2 GB) is kept between runs; the server
# code is recompiled every time (seconds).
if [[ ! -f cms/dist/build/index.html ]]; then
  printf '[start] building the Strapi admin panel (first run only)\n' >&2
  (cd cms && NODE_ENV=production npx strapi build)
else
  npm run build:server -w cms --silent
fi

printf '[start] cms on http://localhost:1337 (admin panel: /admin, live auctions: /api/auctions/live)\n' >&2
# exec, so the PID we keep is Strapi's own and SIGTERM reaches it.
(cd cms && NODE_ENV=${NODE_ENV:-production} exec ../node_modules/.bin/strapi start) &
children+=($!)
wait -n "${children[@]}"
