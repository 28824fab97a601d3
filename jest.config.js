/**
 * Tests of the repository itself (infra scripts, docker-compose.yml, the lint rules). Each
 * workspace has its own jest config; scripts/test.sh runs them all.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/infra/tests'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, esModuleInterop: true } }] },
  testTimeout: 120_000,
};
