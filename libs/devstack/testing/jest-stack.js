// Adds the shared integration stack (PostgreSQL + Temporal dev server on free ports) to a jest project config.
// jest runs a project's globalSetup only when some of its tests run, and the same file only once per run.
const path = require('path');

module.exports = function withTestStack(config) {
  return {
    ...config,
    globalSetup: path.join(__dirname, 'global-setup.ts'),
    globalTeardown: path.join(__dirname, 'global-teardown.ts'),
  };
};
