import { setTimeout as sleep } from 'node:timers/promises';
import * as jwt from 'jsonwebtoken';
import {
  Account,
  bearer,
  createCamp,
  needBody,
  organizationWithNeed,
  register,
  registerAdmin,
  registerOrganization,
  SecondApi,
  startSecondApi,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

/**
 * The browse answers (task list, task page, need list) are cached in every API process beside the
 * versions of what they show (issue 14). Two built API processes, A and B, on one database: every
 * write through A (or straight into the database, as the worker and the CLI write) must be seen by
 * the very next read on B, and no caller may ever be served what another caller was allowed to see.
 */
describe('browse answers cached in each API process (e2e, two API processes)', () => {
  let api: TestApi;
  let a: SecondApi;
  let b: SecondApi;
  let admin: Account;
  let volunteer: Account;
  let campId: string;
  let owner: Account;
  let needId: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    campId = await createCamp(api, admin);
    ({ owner, needId } = await organizationWithNeed(api, admin, campId));
    [a, b] = await Promise.all([startSecondApi(api), startSecondApi(api)]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await api.close();
  });

  const get = async (on: SecondApi, path: string, account: Account, status = 200) => {
    const response = await on.http.get(`/api/v1${path}`).set(bearer(account));
    expect({ path, status: response.status }).toEqual({ path, status });
    if (status === 200) expect(response.headers['content-type']).toMatch(/^application\/json/);
    return response.body;
  };
  const createTask = async (on: SecondApi, body: Record<string, unknown> = {}, need = needId, as = owner) =>
    (await on.http.post(`/api/v1/needs/${need}/tasks`).set(bearer(as)).send(taskBody(body)).expect(201)).body;
  const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);
  const campList = () => `/tasks?campId=${campId}&limit=100`;
  const fullList = `/tasks?limit=100`;

  it('answers the same as the uncached service, as JSON', async () => {
    const task = await createTask(a);
    const cold = await get(b, `/tasks/${task.id}`, volunteer);
    const warm = await get(b, `/tasks/${task.id}`, volunteer);
    expect(warm).toEqual(cold);
    expect(warm).toEqual(
      (await api.http.get(`/api/v1/tasks/${task.id}`).set(bearer(volunteer)).expect(200)).body,
    );
    const list = await get(b, campList(), volunteer);
    expect(await get(b, campList(), volunteer)).toEqual(list);
    expect(ids(list)).toContain(task.id);
  });

  it('shows every write through one process on the very next read on the other', async () => {
    const task = await createTask(a);
    for (let round = 1; round <= 5; round += 1) {
      // Warm B's answers, twice each so the second is served from its memory.
      for (let twice = 0; twice < 2; twice += 1) {
        await get(b, campList(), volunteer);
        await get(b, fullList, volunteer);
        await get(b, `/tasks/${task.id}`, volunteer);
        await get(b, `/needs?campId=${campId}&limit=100`, volunteer);
      }
      const title = `Conversation circle, round ${round}`;
      await a.http.patch(`/api/v1/tasks/${task.id}`).set(bearer(owner)).send({ title }).expect(200);
      const itemIn = (page: { items: { id: string; title: string }[] }) =>
        page.items.find((item) => item.id === task.id)?.title;
      expect(itemIn(await get(b, campList(), volunteer))).toBe(title);
      expect(itemIn(await get(b, fullList, volunteer))).toBe(title);
      expect((await get(b, `/tasks/${task.id}`, volunteer)).title).toBe(title);

      const needTitle = `Evening English classes, round ${round}`;
      await a.http.patch(`/api/v1/needs/${needId}`).set(bearer(owner)).send({ title: needTitle }).expect(200);
      const needs = await get(b, `/needs?campId=${campId}&limit=100`, volunteer);
      expect(needs.items.find((need: { id: string }) => need.id === needId)?.title).toBe(needTitle);
    }
  });

  it('sees a write through a UUID written in capitals, which PostgreSQL reads as the same', async () => {
    const task = await createTask(a);
    const list = `/tasks?campId=${campId.toUpperCase()}&limit=100`;
    const page = `/tasks/${task.id.toUpperCase()}`;
    for (let twice = 0; twice < 2; twice += 1) {
      expect(ids(await get(b, list, volunteer))).toContain(task.id);
      expect((await get(b, page, volunteer)).id).toBe(task.id);
    }
    const title = 'Conversation circle, in capitals';
    await a.http.patch(`/api/v1/tasks/${task.id}`).set(bearer(owner)).send({ title }).expect(200);
    const listed = (await get(b, list, volunteer)).items.find((item: { id: string }) => item.id === task.id);
    expect(listed.title).toBe(title);
    expect((await get(b, page, volunteer)).title).toBe(title);
  });

  it('shows a sign-up’s count, a new task and a cancelled one at once on the other process', async () => {
    const task = await createTask(a, { capacity: 1 });
    const spaceList = `/tasks?campId=${campId}&hasSpace=true&limit=100`;
    expect(ids(await get(b, spaceList, volunteer))).toContain(task.id);
    expect((await get(b, `/tasks/${task.id}`, volunteer)).confirmed).toBe(0);
    const needs = `/needs?campId=${campId}&limit=100`;
    const taskCount = async () =>
      (await get(b, needs, volunteer)).items.find((need: { id: string }) => need.id === needId).taskCount;
    const countBefore = await taskCount();

    await a.http.post(`/api/v1/tasks/${task.id}/signups`).set(bearer(volunteer)).send({}).expect(201);
    expect((await get(b, `/tasks/${task.id}`, volunteer)).confirmed).toBe(1);
    expect(ids(await get(b, spaceList, volunteer))).not.toContain(task.id);

    const added = await createTask(a);
    expect(ids(await get(b, campList(), volunteer))).toContain(added.id);
    expect(ids(await get(b, fullList, volunteer))).toContain(added.id);
    expect(await taskCount()).toBe(countBefore + 1);

    await a.http.post(`/api/v1/tasks/${added.id}/cancel`).set(bearer(owner)).send({}).expect(200);
    expect(ids(await get(b, campList(), volunteer))).not.toContain(added.id);
    expect((await get(b, `/tasks/${added.id}`, volunteer)).status).toBe('cancelled');
    expect(await taskCount()).toBe(countBefore);
  });

  it('sees a change made straight in the database (worker, CLI, psql) on the next read', async () => {
    const task = await createTask(a);
    await get(b, `/tasks/${task.id}`, volunteer);
    await get(b, campList(), volunteer);
    await api.db.query(`UPDATE tasks SET title = 'Renamed in the database' WHERE id = $1`, [task.id]);
    expect((await get(b, `/tasks/${task.id}`, volunteer)).title).toBe('Renamed in the database');
    const listed = (await get(b, campList(), volunteer)).items.find(
      (item: { id: string }) => item.id === task.id,
    );
    expect(listed.title).toBe('Renamed in the database');

    await api.db.query(`UPDATE camps SET name = 'Fictional Camp renamed' WHERE id = $1`, [campId]);
    expect((await get(b, `/tasks/${task.id}`, volunteer)).campName).toBe('Fictional Camp renamed');
    expect((await get(b, campList(), volunteer)).items[0].campName).toBe('Fictional Camp renamed');
  });

  it('hides a suspended organisation’s tasks and needs from others on the next read, not from its members', async () => {
    const other = await organizationWithNeed(api, admin, campId);
    const task = await createTask(a, {}, other.needId, other.owner);
    const listFor = `/tasks?organizationId=${other.organizationId}&limit=100`;
    const needsFor = `/needs?organizationId=${other.organizationId}&limit=100`;
    for (const on of [a, b]) {
      expect(ids(await get(on, listFor, volunteer))).toEqual([task.id]);
      expect(ids(await get(on, needsFor, volunteer))).toEqual([other.needId]);
      await get(on, `/tasks/${task.id}`, volunteer);
    }
    await a.http
      .post(`/api/v1/organizations/${other.organizationId}/suspend`)
      .set(bearer(admin))
      .send({ reason: 'Vetting review' })
      .expect(200);
    expect(ids(await get(b, listFor, volunteer))).toEqual([]);
    expect(ids(await get(b, needsFor, volunteer))).toEqual([]);
    await get(b, `/tasks/${task.id}`, volunteer, 404);
    // Its own coordinator still sees it, and the volunteer asking right after does not.
    expect(ids(await get(b, listFor, other.owner))).toEqual([task.id]);
    await get(b, `/tasks/${task.id}`, other.owner);
    expect(ids(await get(b, listFor, volunteer))).toEqual([]);
    await get(b, `/tasks/${task.id}`, volunteer, 404);
    // Another organisation's coordinator is not its member either.
    expect(ids(await get(b, listFor, owner))).toEqual([]);
    await get(b, `/tasks/${task.id}`, owner, 404);
    await get(b, `/tasks/${task.id}`, admin);
  });

  it('never serves one caller what only another may see', async () => {
    // A pending organisation: only its own coordinator (and admins) see its rows.
    const { owner: pendingOwner, organizationId: pendingId } = await registerOrganization(api);
    await api.db.query(`UPDATE organizations SET status = 'approved' WHERE id = $1`, [pendingId]);
    const need = (
      await a.http
        .post('/api/v1/needs')
        .set(bearer(pendingOwner))
        .send(needBody(campId, { beneficiaries: { count: 3, ageGroup: 'youth' } }))
        .expect(201)
    ).body;
    const task = await createTask(a, {}, need.id, pendingOwner);
    await api.db.query(`UPDATE organizations SET status = 'pending' WHERE id = $1`, [pendingId]);
    const listFor = `/tasks?organizationId=${pendingId}&limit=100`;
    const needsFor = `/needs?organizationId=${pendingId}&limit=100`;

    // The member asks first on each process, so a cache keyed too loosely would hand it on.
    for (const on of [a, b]) {
      expect(ids(await get(on, listFor, pendingOwner))).toEqual([task.id]);
      expect((await get(on, needsFor, pendingOwner)).items[0].beneficiaries.count).toBe(3);
      await get(on, `/tasks/${task.id}`, pendingOwner);
      expect(ids(await get(on, listFor, volunteer))).toEqual([]);
      expect(ids(await get(on, needsFor, volunteer))).toEqual([]);
      await get(on, `/tasks/${task.id}`, volunteer, 404);
      expect(ids(await get(on, listFor, owner))).toEqual([]);
      await get(on, `/tasks/${task.id}`, owner, 404);
    }

    // Approved: everyone sees it, but the small beneficiary count stays exact only for its members.
    await a.http.post(`/api/v1/organizations/${pendingId}/approve`).set(bearer(admin)).send({}).expect(200);
    for (const on of [a, b]) {
      expect((await get(on, needsFor, pendingOwner)).items[0].beneficiaries.count).toBe(3);
      expect((await get(on, needsFor, volunteer)).items[0].beneficiaries.count).toBe('<5');
      expect((await get(on, needsFor, owner)).items[0].beneficiaries.count).toBe('<5');
      expect((await get(on, needsFor, pendingOwner)).items[0].beneficiaries.count).toBe(3);
      expect(ids(await get(on, listFor, volunteer))).toEqual([task.id]);
    }
  });

  it('drops a task from the list when it starts, with no write at all', async () => {
    const task = await createTask(a, {});
    const startsAt = new Date(Date.now() + 3_000);
    // Moved to start in three seconds straight in the database (the API refuses so short a notice).
    await api.db.query(`UPDATE tasks SET starts_at = $2 WHERE id = $1`, [task.id, startsAt]);
    for (let twice = 0; twice < 2; twice += 1)
      expect(ids(await get(b, campList(), volunteer))).toContain(task.id);
    await sleep(Math.max(0, startsAt.getTime() - Date.now()) + 50);
    expect(ids(await get(b, campList(), volunteer))).not.toContain(task.id);
    expect(ids(await get(b, fullList, volunteer))).not.toContain(task.id);
  });

  it('sends a page gzipped only to a client that accepts it, the same JSON either way', async () => {
    const task = await createTask(a);
    for (const on of [a, b]) {
      const plain = await on.http
        .get(`/api/v1/tasks/${task.id}`)
        .set(bearer(volunteer))
        .set('Accept-Encoding', 'identity')
        .expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const list = (encoding: string) =>
        on.http
          .get(`/api/v1${campList()}`)
          .set(bearer(volunteer))
          .set('Accept-Encoding', encoding)
          .expect(200);
      const [refused, identity, gzipped, again] = [
        await list('gzip;q=0'),
        await list('identity'),
        await list('br, gzip'),
        await list('gzip'),
      ];
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.headers.vary).toMatch(/accept-encoding/i);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(Number(gzipped.headers['content-length'])).toBeLessThan(
        Number(identity.headers['content-length']),
      );
      expect(gzipped.body).toEqual(identity.body);
      expect(again.body).toEqual(identity.body);
      expect(refused.body).toEqual(identity.body);
    }
  });

  it('keeps each volunteer’s recommendations their own, and follows their profile and sign-ups at once', async () => {
    const skill = `Cached skill ${Date.now()}`;
    const open = await createTask(a, { skills: [skill] });
    // Later than the first, so that holding both is no overlap.
    const later = Date.now() + 96 * 3_600_000;
    const reviewed = await createTask(a, {
      skills: [skill],
      signupMode: 'review',
      startsAt: new Date(later).toISOString(),
      endsAt: new Date(later + 7_200_000).toISOString(),
    });
    const [first, second] = [await register(api, 'volunteer'), await register(api, 'volunteer')];
    const profile = { skills: [skill], languages: [], availability: [], remote: false, campIds: [] };
    const recommended = async (on: SecondApi, who: Account) =>
      ids(await get(on, '/tasks/recommended?limit=50', who));
    for (const who of [first, second]) {
      await b.http.put('/api/v1/me/volunteer-profile').set(bearer(who)).send(profile).expect(200);
    }
    // Read twice on each process: the second read of each is served from the cache.
    for (const on of [a, b, a, b])
      expect(await recommended(on, first)).toEqual(expect.arrayContaining([open.id, reviewed.id]));

    // A sign-up through A leaves the task out on B's next read, for that volunteer only.
    await a.http.post(`/api/v1/tasks/${open.id}/signups`).set(bearer(first)).send({}).expect(201);
    expect(await recommended(b, first)).not.toContain(open.id);
    expect(await recommended(b, second)).toContain(open.id);
    // A pending sign-up (the task's counters do not move) too.
    await a.http.post(`/api/v1/tasks/${reviewed.id}/signups`).set(bearer(first)).send({}).expect(201);
    expect(await recommended(b, first)).not.toContain(reviewed.id);

    // A profile saved through A, then one changed straight in the database: each seen at once on B.
    await a.http
      .put('/api/v1/me/volunteer-profile')
      .set(bearer(second))
      .send({ ...profile, skills: ['Nothing to match'] })
      .expect(200);
    expect(await recommended(b, second)).toEqual([]);
    // The skills as the API stored the first volunteer's (normalised).
    await api.db.query(
      `UPDATE volunteer_profiles SET skills = (SELECT skills FROM volunteer_profiles WHERE user_id = $2) WHERE user_id = $1`,
      [second.id, first.id],
    );
    expect(await recommended(b, second)).toEqual(expect.arrayContaining([open.id, reviewed.id]));
  });

  it('refuses a suspended account on the very next read of a cached page, on either process', async () => {
    const reader = await register(api, 'volunteer');
    const page = `/tasks?campId=${campId}&limit=11`;
    // Cached on both processes for this caller's audience (the second read of each is served from it).
    for (const on of [a, b, a, b]) await get(on, page, reader);
    await a.http
      .post(`/api/v1/admin/users/${reader.id}/suspend`)
      .set(bearer(admin))
      .send({ reason: 'Test of a suspension' })
      .expect(200);
    for (const on of [b, a]) {
      const refused = await on.http.get(`/api/v1${page}`).set(bearer(reader)).expect(403);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect(refused.body.type).toMatch(/account_suspended/);
    }
    // Others are still served the same page.
    await get(b, page, volunteer);
  });

  it('refuses a forged, expired or missing token on a cached page', async () => {
    const page = `/tasks?campId=${campId}&limit=12`;
    await get(b, page, volunteer);
    await get(b, page, volunteer);
    const claims = { role: 'volunteer' };
    const options = { subject: volunteer.id, issuer: 'haven', audience: 'haven-api' } as const;
    const forged = jwt.sign(claims, 'another secret that is long enough to look real', options);
    const expired = jwt.sign(claims, api.config.jwtSecret, { ...options, expiresIn: -10 });
    for (const token of [forged, expired, `${volunteer.accessToken}x`]) {
      const refused = await b.http
        .get(`/api/v1${page}`)
        .set({ Authorization: `Bearer ${token}` })
        .expect(401);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect(refused.body.items).toBeUndefined();
    }
    await b.http.get(`/api/v1${page}`).expect(401);
  });

  it('sends a cached answer with the headers of an uncached one', async () => {
    const page = `/api/v1/tasks?campId=${campId}&limit=13`;
    const first = await b.http.get(page).set(bearer(volunteer)).expect(200);
    const second = await b.http.get(page).set(bearer(volunteer)).expect(200);
    const varying = new Set([
      'date',
      'x-request-id',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'connection',
    ]);
    const names = (response: typeof first) =>
      Object.keys(response.headers)
        .filter((name) => !varying.has(name))
        .sort();
    expect(names(second)).toEqual(names(first));
    for (const name of names(first))
      expect({ name, value: second.headers[name] }).toEqual({ name, value: first.headers[name] });
    expect(second.headers['content-security-policy']).toContain("default-src 'none'");
    expect(second.body).toEqual(first.body);
  });

  it('refuses bad input as before, cached or not', async () => {
    for (const on of [a, b]) {
      const bad = await on.http.get('/api/v1/tasks?limit=0').set(bearer(volunteer)).expect(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      await on.http.get('/api/v1/tasks?campId=nope').set(bearer(volunteer)).expect(400);
      await on.http.get('/api/v1/tasks').expect(401);
      await on.http
        .get('/api/v1/tasks/00000000-0000-4000-8000-000000000000')
        .set(bearer(volunteer))
        .expect(404);
    }
  });
});
