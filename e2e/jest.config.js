/**
 * Tests that drive the whole running system: the cms booted in this process and
 * listening on a port, stream workers as child processes, real Kafka, Redis and
 * MongoDB (started by scripts/test.sh).
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, esModuleInterop: true } }] },
  setupFiles: ['<rootDir>/helpers/setup-env.ts'],
  globalSetup: '<rootDir>/helpers/global-setup.ts',
  testTimeout: 240_000,
  forceExit: true,
};
