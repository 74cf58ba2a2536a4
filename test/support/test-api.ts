import { existsSync } from 'node:fs';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '@haven/core';
import { AccessTokenService, UsersService } from '@haven/identity';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { createApi } from '../../apps/api/src/app.factory';
import { OpenApiContract } from './openapi-contract';
import { eventually } from './polling';
import { API_MAIN, sparePort, startNode } from './processes';

export interface TestApi {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  db: DataSource;
  close(): Promise<void>;
}

/** The real API, on the suite's own freshly migrated database and Redis prefix. */
export async function startTestApi(
  overrides: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestApi> {
  const config = await createTestConfig(overrides);
  const app = await createApi(config, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const http = request(app.getHttpServer());
  const document = (await http.get('/api/openapi.json').expect(200)).body;
  return {
    app,
    http: checkedAgainst(new OpenApiContract(document), http),
    config,
    db: app.get(DataSource),
    close: async () => {
      await app.close();
      await dropTestResources(config);
    },
  };
}

/**
 * A second API: the built one (`npm run build` first) as its own process on the same database and
 * Redis as `api`, to test what must hold across processes (in one process, two Nest apps would
 * share Passport's strategies). Closing it leaves the data.
 */
export interface SecondApi {
  http: TestAgent;
  close(): Promise<void>;
}

export async function startSecondApi(api: Pick<TestApi, 'config'>): Promise<SecondApi> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npm run build first`);
  const port = await sparePort();
  const child = startNode('second-api', API_MAIN, {
    PORT: String(port),
    NODE_ENV: 'test',
    DATABASE_URL: api.config.DATABASE_URL,
    REDIS_URL: api.config.REDIS_URL,
    REDIS_PREFIX: api.config.REDIS_PREFIX,
    JWT_SECRET: api.config.jwtSecret,
    RATE_LIMIT_PER_IP_PER_MINUTE: String(api.config.RATE_LIMIT_PER_IP_PER_MINUTE),
    MAIL_URL: 'smtp://127.0.0.1:1',
    LOG_LEVEL: 'warn',
  });
  const base = `http://127.0.0.1:${port}`;
  await eventually(() => fetch(`${base}/health/live`).then((r) => r.ok), 'the second API to answer', {
    diagnostics: () => child.output(),
  });
  return { http: request(base), close: () => child.stop('SIGTERM') };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/**
 * The contract test: every answer the suites receive through `api.http` is checked against the
 * served OpenAPI document first (route, status, content type, body schema, and the request body
 * when the API accepted it); a breach fails the request with the route, the status and the error.
 */
function checkedAgainst(contract: OpenApiContract, agent: TestAgent): TestAgent {
  const checked = Object.create(agent) as TestAgent;
  for (const method of METHODS) {
    const send = agent[method].bind(agent) as (url: string) => request.Test;
    Object.defineProperty(checked, method, {
      value: (url: string) => {
        const test = send(url);
        return test.expect((response) => {
          const sent = { body: (test as unknown as { _data?: unknown })._data };
          const violation = contract.violation(method, url, response, sent);
          if (violation) throw new Error(`OpenAPI contract: ${violation}`);
        });
      },
    });
  }
  return checked;
}

let counter = 0;

/** A fictional, unique account for a test. */
export function newAccount(role: 'volunteer' | 'coordinator' = 'volunteer') {
  counter += 1;
  return {
    email: `test-${role}-${process.pid}-${counter}-${Date.now()}@example.org`,
    password: 'a sturdy passphrase 42',
    displayName: `Test ${role} ${counter}`,
    role,
  };
}

/**
 * A verified account, signed in. Created the way the operator tools create accounts (verified, so
 * no verification e-mail is queued to disturb suites that count e-mail), then signed in over HTTP.
 * Registration itself, unverified, and its e-mail are tested in accounts.e2e-spec.ts.
 */
export async function register(api: TestApi, role: 'volunteer' | 'coordinator' = 'volunteer') {
  const account = newAccount(role);
  await api.app.get(UsersService).create({ ...account, emailVerified: true });
  const response = await api.http
    .post('/api/v1/auth/login')
    .send({ email: account.email, password: account.password })
    .expect(200);
  return {
    ...account,
    id: response.body.user.id as string,
    accessToken: response.body.accessToken as string,
    refreshToken: response.body.refreshToken as string,
  };
}

/** An admin, created the way the operator CLI creates one, then signed in. */
export async function registerAdmin(api: TestApi) {
  const account = newAccount('coordinator');
  const email = account.email.replace('coordinator', 'admin');
  const { user } = await api.app.get(UsersService).createAdmin(email, account.password, 'Test admin');
  const response = await api.http
    .post('/api/v1/auth/login')
    .send({ email, password: account.password })
    .expect(200);
  return {
    ...account,
    email,
    role: 'admin' as const,
    id: user.id,
    accessToken: response.body.accessToken as string,
    refreshToken: response.body.refreshToken as string,
  };
}

export type Account = Omit<Awaited<ReturnType<typeof register>>, 'role'> & {
  role: 'admin' | 'coordinator' | 'volunteer';
};

/** A coordinator who applied for an organisation (pending unless an admin approves it). */
export async function registerOrganization(api: TestApi, admin?: { accessToken: string }) {
  const owner = await register(api, 'coordinator');
  const response = await api.http
    .post('/api/v1/organizations')
    .auth(owner.accessToken, { type: 'bearer' })
    .send(organizationApplication())
    .expect(201);
  const organizationId = response.body.id as string;
  if (admin) {
    await api.http
      .post(`/api/v1/organizations/${organizationId}/approve`)
      .auth(admin.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
  }
  return { owner, organizationId };
}

export function organizationApplication(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `Fictional Relief Collective ${counter}`,
    country: 'JO',
    registrationNumber: `FICT-${counter}`,
    contactEmail: `office${counter}@example.org`,
    description: 'A fictional NGO used in tests: runs classes and supply drives.',
    focusAreas: ['education', 'supplies'],
    website: 'https://example.org',
    ...overrides,
  };
}

/** A fictional camp, created by an admin. */
export async function createCamp(api: TestApi, admin: { accessToken: string }) {
  counter += 1;
  const response = await api.http
    .post('/api/v1/camps')
    .auth(admin.accessToken, { type: 'bearer' })
    .send({
      name: `Fictional Camp ${counter}-${process.pid}`,
      country: 'JO',
      region: 'Testland',
      timezone: 'Asia/Amman',
    })
    .expect(201);
  return response.body.id as string;
}

export function needBody(campId: string, overrides: Record<string, unknown> = {}) {
  return {
    campId,
    category: 'education',
    title: 'Evening English classes',
    description: 'Two volunteers to run conversation classes for a mixed group of teenagers.',
    urgency: 'medium',
    beneficiaries: { count: 30, ageGroup: 'youth' },
    ...overrides,
  };
}

export const HOUR = 3_600_000;

/** An ISO time this many hours from now. */
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** A date (YYYY-MM-DD, UTC) this many years from today, plus `days`. */
export function inYears(years: number, days = 0): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Authorization header of an account. */
export const bearer = (account: { accessToken: string }) => ({
  Authorization: `Bearer ${account.accessToken}`,
});

export function taskBody(overrides: Record<string, unknown> = {}) {
  const startsAt = new Date(Date.now() + 48 * HOUR);
  return {
    title: 'Conversation circle',
    description: 'Lead a relaxed English conversation circle.',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    capacity: 5,
    skills: ['Teaching'],
    languages: ['en', 'ar'],
    remote: false,
    signupMode: 'open',
    requiresSafeguarding: false,
    ...overrides,
  };
}

/** An approved organisation with a second coordinator, a camp, and an open need. */
export async function organizationWithNeed(api: TestApi, admin: { accessToken: string }, campId: string) {
  const { owner, organizationId } = await registerOrganization(api, admin);
  const need = await api.http
    .post('/api/v1/needs')
    .auth(owner.accessToken, { type: 'bearer' })
    .send(needBody(campId))
    .expect(201);
  return { owner, organizationId, needId: need.body.id as string };
}

/**
 * Many volunteers at once for concurrency tests: inserted directly (no password, so no argon2 cost)
 * and given access tokens signed exactly as sign-in signs them.
 */
export async function manyVolunteers(
  api: TestApi,
  count: number,
): Promise<{ id: string; accessToken: string }[]> {
  counter += 1;
  const rows: { id: string }[] = await api.db.query(
    `INSERT INTO users (email, display_name, role, password_hash, email_verified_at)
     SELECT 'bulk-' || $1 || '-' || n || '@example.org', 'Bulk volunteer ' || n, 'volunteer', NULL, now()
       FROM generate_series(1, $2) AS n
     RETURNING id`,
    [`${process.pid}-${counter}`, count],
  );
  const tokens = api.app.get(AccessTokenService);
  return rows.map((row) => ({ id: row.id, accessToken: tokens.sign({ sub: row.id, role: 'volunteer' }) }));
}

/**
 * A coordinator who joins the organisation the way people do: the owner invites them by e-mail and
 * they accept. Returns the new member.
 */
export async function joinOrganization(api: TestApi, owner: { accessToken: string }, organizationId: string) {
  const member = await register(api, 'coordinator');
  await api.http
    .post(`/api/v1/organizations/${organizationId}/invitations`)
    .set(bearer(owner))
    .send({ email: member.email })
    .expect(202);
  const invitations = await api.http.get('/api/v1/me/invitations').set(bearer(member)).expect(200);
  const invitation = invitations.body.items.find(
    (item: { organization: { id: string } }) => item.organization.id === organizationId,
  );
  await api.http.post(`/api/v1/me/invitations/${invitation.id}/accept`).set(bearer(member)).expect(200);
  return member;
}
