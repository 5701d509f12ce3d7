module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'workflows',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // The workflow bundle is built once per run and shared by every test file.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Temporal servers start and time-skip; generous, but each scenario finishes in seconds.
  testTimeout: 180_000,
};
