#!/usr/bin/env bash
# Runs every test: set-up, then the services (started here unless already up),
# then each suite against them. Services this run started are stopped at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
bash scripts/install-browser.sh

record=$(mktemp)
cleanup() {
  bash infra/down.sh --only "$record" || true
  rm -f "$record"
}
trap cleanup EXIT
bash infra/up.sh --record "$record"

failed=()
output=$(mktemp)
run() {
  local name=$1; shift
  printf '\n=== %s ===\n' "$name"
  "$@" 2>&1 | tee -a "$output" || failed+=("$name")
}
# Type checks (every workspace with its tests, e2e, infra tests, the bench) and lint first: they are quick.
run checks bash -c 'npm run typecheck --silent && npm run lint --silent'
run repo npm run test:repo --silent
run contracts npm test -w contracts --silent
run cms npm test -w cms --silent
run stream-worker npm test -w stream-worker --silent
run notifier npm test -w notifier --silent
run bidding-app bash -c 'npm run typecheck -w bidding-app --silent && npm test -w bidding-app --silent'
# The whole system: the compiled cms, worker and notifier against the real services, and
# the built bidding app and admin panel in headless Chromium (screenshots in
# test-artifacts/browser/ and test-artifacts/panel/). The panel's bundle comes from
# its cache when its sources have not changed (scripts/build-admin.sh).
run e2e bash -c 'npm run build:server -w cms --silent && bash scripts/build-admin.sh && npm run build -w stream-worker -w notifier --silent && npm run test:e2e --silent'

# One closing line for the whole run, summed from each jest "Tests:" line.
awk '/^Tests:/ { for (i = 2; i <= NF; i++) { if ($(i) ~ /^passed/) p += $(i-1); if ($(i) ~ /^failed/) f += $(i-1) } }
  END { printf "\nTotal: %d passed, %d failed\n", p, f }' "$output"
rm -f "$output"

if ((${#failed[@]} > 0)); then
  printf '\nFAILED suites: %s\n' "${failed[*]}"
  exit 1
fi
printf '\nAll test suites passed.\n'
