// Lint for the whole repository. Besides the usual checks, the import rules
// state the architecture: each app imports only the contracts, shared support
// code and its own files; product code never imports test support; the bidding
// app's shared code (components, lib) never imports a feature.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const otherApps = (...apps) =>
  apps.flatMap((app) => [
    {
      group: [`@car-auction/${app}`, `@car-auction/${app}/*`],
      message: `apps never import each other: share it through contracts or a support package`,
    },
    { group: [`**/${app}/**`], message: `apps never import each other: share it through contracts or a support package` },
  ]);
const testSupport = {
  group: ['@car-auction/test-support', '@car-auction/test-support/*'],
  message: 'product code never imports test support',
};
const nodeSupport = {
  group: ['@car-auction/service-support', '@car-auction/service-support/*'],
  message: 'service-support is Node-side (kafkajs); the browser app cannot use it',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.tmp/**',
      '**/coverage/**',
      'cms/.strapi/**',
      'cms/.cache/**',
      'cms/types/generated/**',
      'bench/results/**',
      'test-artifacts/**',
      '.data/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are an error, except the deliberately ignored `_name`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Product code, app by app.
  { files: ['contracts/src/**'], rules: restrict({ group: ['@car-auction/*'], message: 'the contracts depend on nothing of ours' }) },
  { files: ['service-support/src/**'], rules: restrict(...otherApps('cms', 'stream-worker', 'bidding-app'), testSupport) },
  { files: ['cms/src/**', 'cms/config/**'], rules: restrict(...otherApps('stream-worker', 'bidding-app'), testSupport) },
  { files: ['stream-worker/src/**'], rules: restrict(...otherApps('cms', 'bidding-app'), testSupport) },
  {
    files: ['bidding-app/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(...otherApps('cms', 'stream-worker'), testSupport, nodeSupport),
  },
  {
    // bulletproof-react: shared code is imported by features, never the other way round.
    files: ['bidding-app/src/components/**', 'bidding-app/src/lib/**', 'bidding-app/src/config/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(...otherApps('cms', 'stream-worker'), testSupport, nodeSupport, {
      group: ['**/features/**'],
      message: 'shared code (components, lib, config) never imports a feature: pass it in from src/app',
    }),
  },
  // Tests, the e2e suite, the bench and scripts print their figures and progress.
  {
    files: ['**/tests/**', 'e2e/**', 'bench/**', 'test-support/**', 'infra/**', '**/scripts/**', '**/*.config.*'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['bidding-app/tests/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.jest } },
  },
  prettier,
);
