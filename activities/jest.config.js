module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'activities',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
