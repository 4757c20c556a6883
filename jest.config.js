/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Suites start servers and Chromium; two cores do not gain from more workers.
  maxWorkers: 2,
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/build-once.ts',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
