/**
 * The jest run that `npm run mutate` (StrykerJS) uses: one project instead of jest.config.js's
 * three, since Stryker's per-test coverage hooks into the top-level test environment, and only the
 * unit, service and end-to-end suites that exercise the rule files (all of them would take hours
 * per mutant on a 2-core machine).
 * MUTATE_TESTS (paths separated by spaces or commas) narrows it further for a subset run.
 */
const base = require('./jest.config.js');
const unit = base.projects.find((project) => project.displayName === 'unit');
const e2e = base.projects.find((project) => project.displayName === 'e2e');

const DEFAULT_TESTS = [
  'libs/core/src/privacy/*.spec.ts',
  'libs/identity/src/**/*.spec.ts',
  'test/service/needs.service-spec.ts',
  'test/service/signups.service-spec.ts',
  'test/signups.e2e-spec.ts',
  'test/safeguarding.e2e-spec.ts',
  'test/single-path-rules.e2e-spec.ts',
  'test/pledges.e2e-spec.ts',
  'test/needs.e2e-spec.ts',
  'test/tasks.e2e-spec.ts',
  'test/organizations.e2e-spec.ts',
  'test/invitations.e2e-spec.ts',
  'test/auth.e2e-spec.ts',
  'test/login-limits.e2e-spec.ts',
  'test/account-passwords.e2e-spec.ts',
  'test/privacy.e2e-spec.ts',
  'test/retention.e2e-spec.ts',
  'test/volunteer-profile.e2e-spec.ts',
  'test/signup-batches.e2e-spec.ts',
];

const chosen = process.env.MUTATE_TESTS
  ? process.env.MUTATE_TESTS.split(/[\s,]+/).filter(Boolean)
  : DEFAULT_TESTS;

module.exports = {
  moduleFileExtensions: unit.moduleFileExtensions,
  transform: unit.transform,
  moduleNameMapper: unit.moduleNameMapper,
  testEnvironment: 'node',
  // Instrumented code on a shared 2-core machine: the 500-sign-up race needs more than 60 s.
  testTimeout: 300_000,
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/test'],
  testMatch: chosen.map((path) => `<rootDir>/${path}`),
  globalSetup: e2e.globalSetup,
  globalTeardown: e2e.globalTeardown,
};
