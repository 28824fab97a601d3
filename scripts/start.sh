#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the cms, the stream worker and the
# bidding app, then hands over to the supervisor (scripts/supervise.cjs), which runs
# every process under PM2 (ecosystem.config.cjs): Kafka, Redis and FerretDB with its
# PostgreSQL (each unless something already answers at its address), then the cms
# (:1337), the worker with its Socket.IO gateway (:4000) and the bidding app (:3000).
# A process that exits is restarted, with backoff; the others keep serving. Ctrl-C (or
# SIGTERM) stops what the run started, in order: the apps, then the services.
# Ports, data dir and URLs: environment variables, see scripts/stack-config.cjs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

# The admin panel is rebuilt only when its sources change (a cache keyed by their hash,
# scripts/build-admin.sh); the server code is recompiled every time (seconds).
npm run build:server -w cms --silent
bash scripts/build-admin.sh

npm run build -w stream-worker -w notifier --silent
# The app's settings (VITE_CMS_URL, VITE_REALTIME_URL) are read at build time; they
# come from the same stack settings the supervisor gives the cms and the worker, and
# a stack with its own data dir builds into it (APP_OUT_DIR).
(
  eval "$(node scripts/stack-config.cjs build-env)"
  npm run build -w bidding-app --silent
)

# exec: the supervisor gets Ctrl-C and SIGTERM itself.
exec node scripts/supervise.cjs
