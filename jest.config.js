// Every project with its own jest.config.js: apps/*, libs/*, workflows, activities and test (integration).
const fs = require('fs');
const path = require('path');

const roots = ['apps', 'libs'].flatMap((dir) =>
  fs.existsSync(path.join(__dirname, dir))
    ? fs.readdirSync(path.join(__dirname, dir)).map((name) => path.join(dir, name))
    : [],
);
const projects = [...roots, 'workflows', 'activities', 'test']
  .map((dir) => path.join(__dirname, dir, 'jest.config.js'))
  .filter((file) => fs.existsSync(file))
  .sort();

module.exports = {
  projects,
  // jest reads testTimeout only here, never from a project's config: this is the ceiling for slow
  // integration and workflow suites (unit tests finish long before it anyway).
  testTimeout: 120_000,
};
