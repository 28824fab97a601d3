/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, esModuleInterop: true } }] },
  setupFiles: ['<rootDir>/tests/jest.setup-env.ts'],
  globalSetup: '<rootDir>/tests/jest.global-setup.ts',
  testTimeout: 60_000,
  // Strapi keeps timers (cron, session cleanup) that do not matter after the run.
  forceExit: true,
};
