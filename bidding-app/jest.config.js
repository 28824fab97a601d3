/**
 * Component, hook and logic tests in jsdom. `src/config/env.ts` reads Vite's
 * import.meta.env, which jest cannot compile; tests get the same parser fed
 * from process.env instead (tests/support/test-env.ts).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests'],
  setupFiles: ['<rootDir>/tests/support/polyfills.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/after-env.ts'],
  moduleNameMapper: {
    '^.+/config/env$': '<rootDir>/tests/support/test-env.ts',
    '\\.css$': '<rootDir>/tests/support/style-stub.ts',
  },
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        tsconfig: {
          jsx: 'react-jsx',
          module: 'commonjs',
          moduleResolution: 'node',
          esModuleInterop: true,
          isolatedModules: true,
          types: ['jest', 'node', '@testing-library/jest-dom'],
        },
      },
    ],
  },
};
