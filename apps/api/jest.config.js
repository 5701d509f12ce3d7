// The API's unit specs (src/**/*.spec.ts) and its end-to-end suites (test/**/*.e2e-spec.ts) over the real
// stack (PostgreSQL + Temporal dev server from the shared harness, the engine worker in-process).
const withTestStack = require('../../libs/devstack/testing/jest-stack');

module.exports = withTestStack({
  ...require('../../jest.preset.js'),
  displayName: 'api',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 120_000,
});
