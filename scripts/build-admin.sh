#!/usr/bin/env bash
# Makes cms/dist/build (the Strapi admin panel, a Vite build: about two minutes
# and 2 GB on two cores) match the panel's sources, through a cache outside the
# work tree keyed by a hash of everything the bundle is made from: the panel
# code (cms/src/admin, the plugins' admin code), the contracts it imports, the
# cms config the build reads, and the installed packages (package-lock.json).
# A clean clone with a warm cache copies the bundle; a changed source rebuilds it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source infra/lib.sh

say() { printf '[build-admin] %s\n' "$*" >&2; }

inputs() {
  git ls-files -co --exclude-standard -- cms/src/admin 'cms/src/plugins/*/admin' 'cms/src/plugins/*/package.json' \
    contracts/src cms/config/admin.ts cms/config/plugins.ts cms/config/server.ts cms/package.json package-lock.json | LC_ALL=C sort
}
key=$({ node --version; inputs | while read -r file; do [[ -f $file ]] && sha256sum "$file"; done; } | sha256sum | cut -c1-16)
cache="$CACHE_DIR/strapi-admin/$key"
out=cms/dist/build

if [[ -f $out/.admin-key && $(cat "$out/.admin-key") == "$key" && -f $out/index.html ]]; then
  exit 0
fi
if [[ -f $cache/index.html ]]; then
  say "admin panel from the cache ($key)"
  rm -rf "$out" && mkdir -p "$out" && cp -a "$cache/." "$out/"
  exit 0
fi

say "building the admin panel ($key; about two minutes)"
(cd cms && NODE_ENV=production npx strapi build)
echo "$key" >"$out/.admin-key"
rm -rf "$cache.tmp" && mkdir -p "$(dirname "$cache")" && cp -a "$out" "$cache.tmp" && rm -rf "$cache" && mv "$cache.tmp" "$cache"
# Keep the three newest bundles.
find "$CACHE_DIR/strapi-admin" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' | sort -rn | tail -n +4 | cut -d' ' -f2- |
  while read -r old; do rm -rf "$old"; done
