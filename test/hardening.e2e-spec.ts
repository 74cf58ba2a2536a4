import { AddressInfo, connect } from 'node:net';
import { Writable } from 'node:stream';
import { guardCalls, ProblemFilter } from '@haven/core';
import { expectProblem } from '@haven/testing';
import { eventually } from './support/polling';
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

  /** Digit runs the privacy guard would have to search for phone numbers. */
  const digits = (length: number) => '0123456789 '.repeat(Math.ceil(length / 11)).slice(0, length);

  describe('oversized requests are refused before any element is validated', () => {
    it('refuses a profile with 10,000 skills without running the privacy guard once', async () => {
      const before = guardCalls();
      const skills = Array.from({ length: 10_000 }, () => digits(49));
      const response = await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .send({ skills, languages: [], availability: [], remote: false, campIds: [] });
      // 530 KB: over the route's body limit, refused before it is even read whole.
      expectProblem(response, 413);
      expect(guardCalls()).toBe(before);
    });

    it('refuses too many skills within the body limit, naming the field, without the guard', async () => {
      const before = guardCalls();
      const skills = Array.from({ length: 500 }, () => digits(49));
      const response = await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(volunteer))
        .send({ skills, languages: [], availability: [], remote: false, campIds: [] });
      expectProblem(response, 400, 'skills');
      expect(guardCalls()).toBe(before);
    });

    it('refuses an over-long skill or bio by its declared maximum, without the guard', async () => {
      const before = guardCalls();
      const profile = { languages: [], availability: [], remote: false, campIds: [] };
      expectProblem(
        await api.http
          .put('/api/v1/me/volunteer-profile')
          .set(bearer(volunteer))
          .send({ ...profile, skills: ['teaching', digits(51)] }),
        400,
        'skills',
      );
      expectProblem(
        await api.http
          .put('/api/v1/me/volunteer-profile')
          .set(bearer(volunteer))
          .send({ ...profile, skills: [], bio: digits(2001) }),
        400,
        'bio',
      );
      expect(guardCalls()).toBe(before);
    });

    it('refuses a need with 51 items or an over-long item name, without the guard', async () => {
      const before = guardCalls();
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
      expect(guardCalls()).toBe(before);
    });

    it('answers a 1 MB need with 413 and stores nothing', async () => {
      const before = guardCalls();
      const items = Array.from({ length: 20_000 }, () => ({ name: digits(40), unit: 'boxes', quantity: 1 }));
      const response = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send(needBody(campId, { title: 'Flood of items', items }));
      expectProblem(response, 413);
      expect(guardCalls()).toBe(before);
      expect(await api.db.query(`SELECT 1 FROM needs WHERE title = 'Flood of items'`)).toHaveLength(0);
    });

    it('still accepts the largest need the contract allows, and runs the guard on it', async () => {
      const before = guardCalls();
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
      expect(guardCalls()).toBeGreaterThan(before);
    });

    it('refuses a coordinator of a pending organisation (403) before validating the body', async () => {
      const { owner: pendingOwner } = await registerOrganization(api);
      const before = guardCalls();
      const items = Array.from({ length: 50 }, () => ({ name: digits(200), unit: 'boxes', quantity: 1 }));
      const response = await api.http
        .post('/api/v1/needs')
        .set(bearer(pendingOwner))
        .send(needBody(campId, { description: digits(5000), items }));
      expectProblem(response, 403);
      expect(guardCalls()).toBe(before);
      expectProblem(
        await api.http
          .post(`/api/v1/needs/${needId}/tasks`)
          .set(bearer(pendingOwner))
          .send(taskBody({ description: digits(5000) })),
        403,
      );
      expectProblem(
        await api.http
          .patch(`/api/v1/needs/${needId}`)
          .set(bearer(pendingOwner))
          .send({ description: digits(5000), items }),
        403,
      );
      expect(guardCalls()).toBe(before);
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
        'skills',
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
        // Logged while the request was served: the line names the request, as the request's own
        // line (at level error, for a 5xx) does.
        const { req } = JSON.parse(line as string) as { req?: { id: string; url: string } };
        expect(req?.url).toBe(`/api/v1/needs/${needId}/tasks`);
        const requestLine = () =>
          logs()
            .split('\n')
            .filter(Boolean)
            .map((text) => JSON.parse(text) as { msg: string; level: number; req?: { id: string } })
            .find((entry) => entry.msg === 'request errored' && entry.req?.id === req?.id);
        await eventually(() => requestLine() !== undefined, 'the request line');
        expect(requestLine()).toMatchObject({ level: 50, res: { statusCode: 500 } });
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

  it('answers a request Node cannot parse with problem+json on the socket', async () => {
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    for (const raw of [
      `GET /api/v1/needs HTTP/1.1\r\nHost: x\r\nX-Big: ${'h'.repeat(20_000)}\r\n\r\n`,
      `GARBAGE ${'g'.repeat(200)}\r\n\r\n`,
    ]) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(raw));
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 4(00|31) /);
      expect(answer).toContain('Content-Type: application/problem+json');
      expect(answer).not.toMatch(/hhhhh|ggggg/);
    }
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

describe('small defects seen from outside (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let owner: Account;
  let campId: string;
  let needId: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    campId = await createCamp(api, admin);
    ({ owner, needId } = await organizationWithNeed(api, admin, campId));
  });

  afterAll(async () => {
    await api.close();
  });

  const notBefore = (record: { createdAt: string; updatedAt: string }) =>
    expect(Date.parse(record.updatedAt)).toBeGreaterThanOrEqual(Date.parse(record.createdAt));

  it('never reports a new need, task or sign-up as updated before it was created', async () => {
    for (let round = 0; round < 5; round++) {
      const need = await api.http.post('/api/v1/needs').set(bearer(owner)).send(needBody(campId));
      expect(need.status).toBe(201);
      notBefore(need.body);
      const task = await api.http
        .post(`/api/v1/needs/${need.body.id}/tasks`)
        .set(bearer(owner))
        .send(taskBody());
      expect(task.status).toBe(201);
      notBefore(task.body);
      const volunteer = await register(api, 'volunteer');
      const signup = await api.http
        .post(`/api/v1/tasks/${task.body.id}/signups`)
        .set(bearer(volunteer))
        .send({});
      expect(signup.status).toBe(201);
      notBefore(signup.body);
    }
  });

  it('answers a wrong type with one clear message per field', async () => {
    const response = await api.http
      .post(`/api/v1/needs/${needId}/tasks`)
      .set(bearer(owner))
      .send(taskBody({ capacity: '2', remote: 'yes', title: 42 }));
    expectProblem(response, 400);
    const byField = (field: string) =>
      (response.body.errors as { field: string; message: string }[]).filter((e) => e.field === field);
    expect(byField('capacity')).toEqual([{ field: 'capacity', message: 'must be a whole number' }]);
    expect(byField('remote')).toHaveLength(1);
    expect(byField('title')).toHaveLength(1);
  });

  it('reads boolean query parameters: false means false, not "no filter" nor true', async () => {
    const all = await api.http.get('/api/v1/organizations').set(bearer(admin)).expect(200);
    expect(all.body.items.length).toBeGreaterThan(0);
    const notDue = await api.http.get('/api/v1/organizations?reviewDue=false').set(bearer(admin)).expect(200);
    expect(notDue.body.items.length).toBe(all.body.items.length);
    expectProblem(await api.http.get('/api/v1/organizations?reviewDue=maybe').set(bearer(admin)), 400);

    await api.http
      .post(`/api/v1/needs/${needId}/tasks`)
      .set(bearer(owner))
      .send(taskBody({ title: 'Remote tutoring', remote: true }))
      .expect(201);
    await api.http
      .post(`/api/v1/needs/${needId}/tasks`)
      .set(bearer(owner))
      .send(taskBody({ title: 'On-site tutoring', remote: false }))
      .expect(201);
    const remote = await api.http.get(`/api/v1/tasks?needId=${needId}&remote=true`).set(bearer(owner));
    const onSite = await api.http.get(`/api/v1/tasks?needId=${needId}&remote=false`).set(bearer(owner));
    const any = await api.http.get(`/api/v1/tasks?needId=${needId}`).set(bearer(owner));
    expect(remote.body.items.every((task: { remote: boolean }) => task.remote)).toBe(true);
    expect(onSite.body.items.every((task: { remote: boolean }) => !task.remote)).toBe(true);
    expect(remote.body.items.length).toBeGreaterThan(0);
    expect(onSite.body.items.length).toBeGreaterThan(0);
    expect(remote.body.items.length + onSite.body.items.length).toBe(any.body.items.length);
    const free = await api.http.get(`/api/v1/tasks?needId=${needId}&hasSpace=true`).set(bearer(owner));
    const full = await api.http.get(`/api/v1/tasks?needId=${needId}&hasSpace=false`).set(bearer(owner));
    expect(free.body.items.length).toBe(any.body.items.length);
    expect(full.body.items).toEqual([]);

    // Two notifications of a fresh reader (no worker runs here): one read, one not.
    const reader = await register(api, 'volunteer');
    await api.db.query(
      `INSERT INTO notifications (outbox_id, user_id, type, title, body, in_app, read_at)
       VALUES (gen_random_uuid(), $1, 'test', 'Read one', 'Fictional', true, now()),
              (gen_random_uuid(), $1, 'test', 'Unread one', 'Fictional', true, NULL)`,
      [reader.id],
    );
    const titles = async (query: string) =>
      (await api.http.get(`/api/v1/me/notifications${query}`).set(bearer(reader)).expect(200)).body.items
        .map((item: { title: string }) => item.title)
        .sort();
    expect(await titles('')).toEqual(['Read one', 'Unread one']);
    expect(await titles('?unread=true')).toEqual(['Unread one']);
    expect(await titles('?unread=false')).toEqual(['Read one']);
  });

  it('tells a waitlisted sign-up its place, everywhere, and keeps it right after a promotion', async () => {
    const task = await api.http
      .post(`/api/v1/needs/${needId}/tasks`)
      .set(bearer(owner))
      .send(taskBody({ title: 'Small circle', capacity: 1 }))
      .expect(201);
    const people = [
      await register(api, 'volunteer'),
      await register(api, 'volunteer'),
      await register(api, 'volunteer'),
    ];
    const created = [];
    for (const person of people) {
      const response = await api.http
        .post(`/api/v1/tasks/${task.body.id}/signups`)
        .set(bearer(person))
        .send({});
      expect(response.status).toBe(201);
      created.push(response.body);
    }
    expect(created.map((signup) => signup.waitlistPosition)).toEqual([null, 1, 2]);
    const mine = await api.http.get('/api/v1/me/signups').set(bearer(people[2])).expect(200);
    expect(mine.body.items[0].waitlistPosition).toBe(2);
    const listed = await api.http.get(`/api/v1/tasks/${task.body.id}/signups`).set(bearer(owner)).expect(200);
    const positions = Object.fromEntries(
      listed.body.items.map((signup: { id: string; waitlistPosition: number | null }) => [
        signup.id,
        signup.waitlistPosition,
      ]),
    );
    expect(positions).toEqual({ [created[0].id]: null, [created[1].id]: 1, [created[2].id]: 2 });

    await api.http.delete(`/api/v1/tasks/${task.body.id}/signups/me`).set(bearer(people[0])).expect(204);
    const promoted = await api.http.get('/api/v1/me/signups').set(bearer(people[1])).expect(200);
    expect(promoted.body.items[0]).toEqual(
      expect.objectContaining({ status: 'confirmed', waitlistPosition: null }),
    );
    const moved = await api.http.get('/api/v1/me/signups').set(bearer(people[2])).expect(200);
    expect(moved.body.items[0]).toEqual(
      expect.objectContaining({ status: 'waitlisted', waitlistPosition: 1 }),
    );
  });
});
