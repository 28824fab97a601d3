#!/usr/bin/env bash
# Everything a fresh machine needs before the system runs or the tests do.
# Idempotent and cached: a second run only checks.
#   - checks the toolchains (Node >= 20.19, Java 17, Maven, Go);
#   - npm install when package-lock.json changed since the last install;
#   - builds the shared packages (contracts, service-support, test-support);
#   - installs the local services (Redis via apt, Kafka jars via Maven, FerretDB via Go)
#     and shellcheck (apt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[setup] %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null || { say "ERROR: $1 is required ($2)"; exit 1; }; }

need node 'Node.js 20.19 or newer'
need npm 'npm, with Node.js'
need java 'Java 17, to run Kafka'
need mvn 'Maven, to resolve the Kafka broker jars'
need go 'Go, to build FerretDB'
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { say "ERROR: Node.js 20.19 or newer is required (found $(node --version))"; exit 1; }

# npm install only when the lockfile changed since the last successful install.
stamp=node_modules/.car-auction-lock.sha
lock_sha=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_sha" ]]; then
  say "installing npm packages (a few minutes on a fresh machine)"
  if [[ -d node_modules ]]; then npm install --no-audit --no-fund; else npm ci --no-audit --no-fund; fi
  echo "$lock_sha" >"$stamp"
fi

# Order matters: service-support and test-support import the contracts.
npm run build -w contracts -w service-support -w test-support --silent
bash infra/install.sh
# npm run lint checks the shell scripts with Debian's shellcheck.
command -v shellcheck >/dev/null || (source infra/lib.sh && apt_install shellcheck)
say "ready"
