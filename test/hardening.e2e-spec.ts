import { Writable } from 'node:stream';
import { ProblemFilter } from '@haven/core';
import { expectProblem } from '@haven/testing';
import * as privacyGuard from '../libs/core/src/privacy/privacy-guard';
import {
  Account,
  bearer,
  createCamp,
  needBody,
  organizationWithNeed,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

/** Hostile input (issue 10): refused cheaply, as problem+json, and never echoed or logged. */
describe('hardening against hostile input (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let owner: Account;
  let campId: string;
  let needId: string;
  const logLines: string[] = [];
  const logs = () => logLines.join('');

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logDestination: destination });
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    campId = await createCamp(api, admin);
    ({ owner, needId } = await organizationWithNeed(api, admin, campId));
  });

  afterAll(async () => {
    await api.close();
  });

  afterEach(() => jest.restoreAllMocks());

  /** Digit runs the privacy guard would have to search for phone numbers. */
  const digits = (length: number) => '0123456789 '.repeat(Math.ceil(length / 11)).slice(0, length);

  describe('oversized requests are refused before any element is validated', () => {
    it('refuses a profile with 10,000 skills without running the privacy guard once', async () => {
      const guard = jest.spyOn(privacyGuard, 'findIdentifiers');
      const skills = Array.from({ length: 10_000 }, () => digits(49));
      const response = await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .send({ skills, languages: [], availability: [], remote: false, campIds: [] });
      // 530 KB: over the route's body limit, refused before it is even read whole.
      expectProblem(response, 413);
      expect(guard).not.toHaveBeenCalled();
    });

    it('refuses too many skills within the body limit, naming the field, without the guard', async () => {
      const guard = jest.spyOn(privacyGuard, 'findIdentifiers');
      const skills = Array.from({ length: 500 }, () => digits(49));
      const response = await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .send({ skills, languages: [], availability: [], remote: false, campIds: [] });
      expectProblem(response, 400, 'skills');
      expect(guard).not.toHaveBeenCalled();
    });

    it('refuses an over-long skill or bio by its declared maximum, without the guard', async () => {
      const guard = jest.spyOn(privacyGuard, 'findIdentifiers');
      const profile = { languages: [], availability: [], remote: false, campIds: [] };
      expectProblem(
        await api.http
          .put('/api/v1/me/volunteer-profile')
          .set(bearer(volunteer))
          .send({ ...profile, skills: ['teaching', digits(51)] }),
        400,
        'skills.1',
      );
      expectProblem(
        await api.http
          .put('/api/v1/me/volunteer-profile')
          .set(bearer(volunteer))
          .send({ ...profile, skills: [], bio: digits(2001) }),
        400,
        'bio',
      );
      expect(guard).not.toHaveBeenCalled();
    });

    it('refuses a need with 51 items or an over-long item name, without the guard', async () => {
      const guard = jest.spyOn(privacyGuard, 'findIdentifiers');
      const item = { name: digits(200), unit: 'boxes', quantity: 1 };
      expectProblem(
        await api.http
          .post('/api/v1/needs')
          .set(bearer(owner))
          .send(needBody(campId, { description: digits(5000), items: Array(51).fill(item) })),
        400,
        'items',
      );
      expectProblem(
        await api.http
          .post('/api/v1/needs')
          .set(bearer(owner))
          .send(needBody(campId, { items: [item, { ...item, name: digits(201) }] })),
        400,
        'items.1.name',
      );
      expect(guard).not.toHaveBeenCalled();
    });

    it('answers a 1 MB need with 413 and stores nothing', async () => {
      const guard = jest.spyOn(privacyGuard, 'findIdentifiers');
      const items = Array.from({ length: 20_000 }, () => ({ name: digits(40), unit: 'boxes', quantity: 1 }));
      const response = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send(needBody(campId, { title: 'Flood of items', items }));
      expectProblem(response, 413);
      expect(guard).not.toHaveBeenCalled();
      expect(await api.db.query(`SELECT 1 FROM needs WHERE title = 'Flood of items'`)).toHaveLength(0);
    });

    it('still accepts the largest need the contract allows, and runs the guard on it', async () => {
      const guard = jest.spyOn(privacyGuard, 'findIdentifiers');
      const items = Array.from({ length: 50 }, (_, index) => ({
        name: `Notebook pack ${index} `.padEnd(200, 'x'),
        unit: 'boxes'.padEnd(50, 'x'),
        quantity: 1,
      }));
      const response = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send(needBody(campId, { description: 'Notebooks for classes. '.repeat(217), items }));
      expect(response.status).toBe(201);
      expect(guard).toHaveBeenCalled();
    });

    it('refuses a coordinator of a pending organisation (403) before validating the body', async () => {
      const { owner: pendingOwner } = await registerOrganization(api);
      const guard = jest.spyOn(privacyGuard, 'findIdentifiers');
      const items = Array.from({ length: 50 }, () => ({ name: digits(200), unit: 'boxes', quantity: 1 }));
      const response = await api.http
        .post('/api/v1/needs')
        .set(bearer(pendingOwner))
        .send(needBody(campId, { description: digits(5000), items }));
      expectProblem(response, 403);
      expect(guard).not.toHaveBeenCalled();
      expectProblem(
        await api.http
          .post(`/api/v1/needs/${needId}/tasks`)
          .set(bearer(pendingOwner))
          .send(taskBody({ description: digits(5000) })),
        403,
      );
      expect(guard).not.toHaveBeenCalled();
    });

    it('refuses nesting deeper than 32 levels with 400, not a stack overflow', async () => {
      for (const depth of [33, 20_000]) {
        const body = '{"bio":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
        const response = await api.http
          .put('/api/v1/me/volunteer-profile')
          .set(bearer(volunteer))
          .set('content-type', 'application/json')
          .send(body);
        expectProblem(response, 400);
      }
      // 32 levels still parse (and are then refused as a wrong type, field by field).
      const ok = '{"bio":' + '['.repeat(31) + ']'.repeat(31) + '}';
      const response = await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .set('content-type', 'application/json')
        .send(ok);
      expectProblem(response, 400, 'bio');
    });
  });

  describe('characters PostgreSQL cannot store', () => {
    it('refuses NUL in a task skill on create and edit with 400, naming the field', async () => {
      expectProblem(
        await api.http
          .post(`/api/v1/needs/${needId}/tasks`)
          .set(bearer(owner))
          .send(taskBody({ skills: ['te\u0000ach'] })),
        400,
        'skills.0',
      );
      const task = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody())
        .expect(201);
      expectProblem(
        await api.http
          .patch(`/api/v1/tasks/${task.body.id}`)
          .set(bearer(owner))
          .send({ title: 'Private\u0000title words' }),
        400,
        'title',
      );
      expect(logs()).not.toContain('Private');
    });

    it('refuses an encoded NUL in the query string with 400', async () => {
      expectProblem(await api.http.get('/api/v1/needs?q=wat%00er').set(bearer(volunteer)), 400);
    });

    it('maps a database refusal of unstorable text to 400', async () => {
      const nul = await api.db.query('SELECT $1::text', ['Plain words\u0000']).catch((e) => e);
      expect(new ProblemFilter().toProblem(nul).body.status).toBe(400);
    });

    it('logs a failed query without its SQL, parameters or the values PostgreSQL quotes', async () => {
      // A constraint the API does not expect: the insert fails inside the request with a real
      // QueryFailedError whose parameters and detail ("Failing row contains …") hold the title.
      await api.db.query(
        `ALTER TABLE tasks ADD CONSTRAINT hardening_probe CHECK (title NOT LIKE 'Confidential%')`,
      );
      try {
        const response = await api.http
          .post(`/api/v1/needs/${needId}/tasks`)
          .set(bearer(owner))
          .send(taskBody({ title: 'Confidential briefing circle', description: 'Secretive words' }));
        expectProblem(response, 500);
        const line = logLines.find((text) => text.includes(response.body.errorId));
        expect(line).toBeDefined();
        expect(line).toContain('23514');
        expect(line).toContain('hardening_probe');
        expect(logs()).not.toMatch(/Confidential|Secretive|INSERT INTO/);
      } finally {
        await api.db.query('ALTER TABLE tasks DROP CONSTRAINT hardening_probe');
      }
    });
  });

  describe('every error is problem+json and echoes nothing', () => {
    const long = 'x'.repeat(150);

    it('answers a path id over 100 characters with 414 problem+json', async () => {
      const response = await api.http.get(`/api/v1/needs/${long}`).set(bearer(volunteer));
      expectProblem(response, 414);
      expect(response.text).not.toContain(long);
    });

    it('answers a path id that is no UUID with 400 before anything else', async () => {
      const response = await api.http.get('/api/v1/needs/not-a-uuid');
      expectProblem(response, 400, 'id');
      expect(response.text).not.toContain('not-a-uuid');
      // Before authentication even: no token was sent.
      expectProblem(
        await api.http.post('/api/v1/needs/12345/tasks').set(bearer(owner)).send({ title: 'x' }),
        400,
        'id',
      );
    });

    it('answers bad URLs, unknown routes and methods, odd bodies with problem+json only', async () => {
      const probes = [
        api.http.get(`/api/v1/%E0%A4%A-${long}`),
        api.http.get(`/api/v1/nothing-here-${long}`),
        api.http.delete(`/api/v1/needs`).set(bearer(owner)),
        api.http
          .post('/api/v1/auth/login')
          .set('content-type', 'application/json')
          .send(`{"email": "${long}`),
        api.http.post('/api/v1/auth/login').set('content-type', 'application/xml').send(`<a>${long}</a>`),
        api.http
          .put('/api/v1/me/volunteer-profile')
          .set(bearer(volunteer))
          .send({ bio: long.repeat(500) }),
      ];
      for (const response of await Promise.all(probes)) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expectProblem(response, response.status);
        expect(response.text).not.toContain(long);
      }
    });
  });

  describe('logs', () => {
    it("never log the calendar feed's token, however its parameter is encoded", async () => {
      const issued = await api.http.post('/api/v1/me/calendar-token').set(bearer(volunteer)).send({});
      const token = issued.body.token as string;
      for (const name of ['token', '%74oken', '%74%6F%6B%65%6E', 'TOKEN']) {
        await api.http.get(`/api/v1/me/calendar.ics?${name}=${token}`);
      }
      await api.http.get(`/api/v1/me/calendar%2Eics?%74oken=${token}`);
      expect(logs()).toContain('calendar');
      expect(logs()).not.toContain(token);
    });
  });

  describe('readiness', () => {
    it('shows anonymous callers the status alone, and an admin the details', async () => {
      expect((await api.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ok' });
      expect((await api.http.get('/health/ready').set(bearer(volunteer)).expect(200)).body).toEqual({
        status: 'ok',
      });
      expect(
        (await api.http.get('/health/ready').set('Authorization', 'Bearer forged').expect(200)).body,
      ).toEqual({ status: 'ok' });
      const full = await api.http.get('/health/ready').set(bearer(admin)).expect(200);
      expect(full.body.info.database.status).toBe('up');
      expect(full.body.details.notifications.outbox).toBeDefined();
    });
  });
});
