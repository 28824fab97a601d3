#!/usr/bin/env bash
# Installs what is missing, starts Kafka, Redis and the MongoDB-compatible server
# (unless already running), builds and runs the cms (:1337), the stream worker
# with its Socket.IO gateway (:4000) and the bidding app (:3000) in the foreground. Ctrl-C (or SIGTERM) stops
# them, then the services this run started.
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

npm run build -w stream-worker --silent
# The app's settings (VITE_CMS_URL, VITE_REALTIME_URL) are read at build time.
npm run build -w bidding-app --silent

printf '[start] cms on http://localhost:1337 (admin panel: /admin, live auctions: /api/auctions/live)\n' >&2
# exec, so the PIDs we keep are the servers' own and SIGTERM reaches them.
(cd cms && NODE_ENV=${NODE_ENV:-production} exec ../node_modules/.bin/strapi start) &
children+=($!)
printf '[start] stream worker: Socket.IO gateway, /healthz and /metrics on http://localhost:4000\n' >&2
(exec node stream-worker/dist/main.js) &
children+=($!)
printf '[start] bidding app on http://localhost:3000\n' >&2
(cd bidding-app && exec ../node_modules/.bin/vite preview) &
children+=($!)
# Any one ending ends the run (and the trap stops the others).
wait -n "${children[@]}"
