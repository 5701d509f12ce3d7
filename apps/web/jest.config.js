// End-to-end tests of the web app: Playwright (playwright-core + Debian's chromium) against the real system,
// which the global setup starts (`karta dev` on free ports) unless KARTA_E2E_URL points at a running one.
// The suites share that system: run them one at a time (`--runInBand`, as the nx target does).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // For `jest -c apps/web/jest.config.js`; in the workspace run the root config's ceiling applies.
  testTimeout: 120_000,
};
