// Prepares a writable copy of Mailpit's module for bundling its web UI with what this
// machine's npm registry serves (infra/mail.sh install runs it, then npm install and
// Mailpit's own `npm run package`). The locked versions are kept; only what the bundle
// does not need, or what is not served, goes:
//   - the dev tools (linters, Playwright, jsdom): the bundle needs esbuild, its Vue and
//     Sass plugins and Vue's compiler;
//   - sass-embedded, an optional peer of the Sass plugin, which uses the plain `sass`
//     package unless told otherwise (npm install --legacy-peer-deps leaves it out;
//     the locked 1.108.1 is not served);
//   - rapidoc, which renders the API reference page (/api/v1/): 12.1.0 is not served.
//     That page says where the reference is instead; the mail UI does not use rapidoc.
// Usage: node infra/mailpit-ui.cjs <copy of the module>
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node infra/mailpit-ui.cjs <copy of the mailpit module>');
  process.exit(2);
}

const packageFile = path.join(dir, 'package.json');
const manifest = JSON.parse(fs.readFileSync(packageFile, 'utf8'));
const bundleTools = ['esbuild', 'esbuild-plugin-vue-next', 'esbuild-sass-plugin', '@vue/compiler-sfc'];
manifest.devDependencies = Object.fromEntries(
  Object.entries(manifest.devDependencies ?? {}).filter(([name]) => bundleTools.includes(name)),
);
delete manifest.dependencies.rapidoc;
fs.writeFileSync(packageFile, `${JSON.stringify(manifest, null, 2)}\n`);

// The page loads docs.js in its <head>: write the note once the body is there.
fs.writeFileSync(
  path.join(dir, 'server', 'ui-src', 'docs.js'),
  `document.addEventListener('DOMContentLoaded', () => {
  document.body.textContent =
    'This Mailpit build has no API reference page (its renderer, rapidoc 12, is not served by the npm registry here). ' +
    'The reference: https://mailpit.axllent.org/docs/api-v1/ ; the OpenAPI spec: ./swagger.json';
});
`,
);
