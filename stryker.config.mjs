// @ts-check
/**
 * Mutation testing of the rule code: `npm run mutate` (all rule files below, hours on 2 cores) or
 * `npm run mutate -- --mutate libs/volunteering/src/signup-rules.ts` (one file), optionally with
 * MUTATE_TESTS="test/signups.e2e-spec.ts test/safeguarding.e2e-spec.ts" to run fewer suites.
 * Needs PostgreSQL and Redis like the e2e suites. Results: reports/mutation/ (MUTATE_REPORT_DIR to
 * keep two runs apart) and docs/mutation.md. Stop a run with Ctrl-C, which also ends its workers.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const reportDir = process.env.MUTATE_REPORT_DIR ?? 'reports/mutation';

export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.js', enableFindRelatedTests: false },
  // Each mutant runs only the tests that executed its code; code that ran only at load time (class
  // and decorator declarations) would need every suite per mutant, so those mutants are skipped.
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  // No TypeScript checker (@stryker-mutator/typescript-checker): tried, it re-checked the whole
  // project per mutant, ~1 minute each on this machine, more than the tests it would spare (ts-jest
  // only transpiles, so a mutant that does not type-check still runs and is nearly always killed).
  concurrency: 1,
  timeoutMS: 30_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 60,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  ignorePatterns: [
    '/dist',
    '/var',
    '/reports',
    '/bench/.out',
    '/artifacts',
    '/apps/web',
    '/coverage',
    '/docs',
  ],
  // The rules DESIGN.md names: capacity, waitlist order, over-pledging, organisation scope, the
  // guard, suppression, suspension, refresh replay, safeguarding, overlap, login limit, erasure.
  mutate: [
    'libs/volunteering/src/signup-rules.ts',
    'libs/volunteering/src/signups.service.ts',
    'libs/volunteering/src/safeguarding.service.ts',
    'libs/needs/src/pledges.service.ts',
    'libs/needs/src/need-access.ts',
    'libs/organizations/src/organization-access.ts',
    'libs/organizations/src/vetting.service.ts',
    'libs/identity/src/account-status.service.ts',
    'libs/identity/src/tokens/refresh-token.service.ts',
    'libs/identity/src/login-limiter.ts',
    'libs/identity/src/users.service.ts',
    'libs/core/src/privacy/privacy-guard.ts',
    'libs/core/src/privacy/suppression.ts',
  ],
};
