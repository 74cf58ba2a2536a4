/**
 * Three tiers: unit tests beside the code (*.spec.ts, no servers); service tests in test/service/
 * (*.service-spec.ts: a context's services on a real PostgreSQL and Redis, without HTTP, in seconds);
 * end-to-end suites in test/ (*.e2e-spec.ts: the real API, worker and processes).
 */
const shared = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: {
    '^@haven/migrations$': '<rootDir>/migrations',
    '^@haven/(core|identity|organizations|needs|volunteering|notifications|reports|testing)$':
      '<rootDir>/libs/$1/src',
    '^@haven/(core|identity|organizations|needs|volunteering|notifications|reports|testing)/(.*)$':
      '<rootDir>/libs/$1/src/$2',
  },
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      rootDir: __dirname,
      roots: ['<rootDir>/apps', '<rootDir>/libs'],
      testRegex: '\\.spec\\.ts$',
    },
    {
      ...shared,
      displayName: 'service',
      rootDir: __dirname,
      roots: ['<rootDir>/test/service'],
      testRegex: '\\.service-spec\\.ts$',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testRegex: '\\.e2e-spec\\.ts$',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
