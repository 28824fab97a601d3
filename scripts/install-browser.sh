#!/usr/bin/env bash
# The browser the end-to-end tests drive: Debian's Chromium, headless, through
# playwright-core (which cannot download its own browsers here). Installed once;
# a machine that has it only checks. CHROMIUM_PATH points the tests elsewhere.
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib.sh"

chromium_path=${CHROMIUM_PATH:-/usr/bin/chromium}
if [[ ! -x $chromium_path ]]; then
  # Fonts are only recommended by the package; without them pages render as boxes.
  apt_install chromium fonts-liberation fonts-dejavu-core
fi
"$chromium_path" --version >/dev/null 2>&1 || die "chromium at $chromium_path does not run"
log "browser: $("$chromium_path" --version 2>/dev/null | head -1)"
