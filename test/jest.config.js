// End-to-end and integration suites over the real stack (PostgreSQL, Temporal dev server, SMTP, API, worker).
const withTestStack = require('../libs/devstack/testing/jest-stack');

module.exports = withTestStack({
  ...require('../jest.preset.js'),
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 90_000,
});
