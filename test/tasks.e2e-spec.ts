import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  inHours,
  organizationWithNeed,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

describe('tasks (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let campId: string;
  let owner: Account;
  let organizationId: string;
  let needId: string;
  let otherOwner: Account;

  const createTask = (account: Account, body: Record<string, unknown> = {}, need = needId) =>
    api.http.post(`/api/v1/needs/${need}/tasks`).set(bearer(account)).send(taskBody(body));

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    campId = await createCamp(api, admin);
    ({ owner, organizationId, needId } = await organizationWithNeed(api, admin, campId));
    ({ owner: otherOwner } = await organizationWithNeed(api, admin, campId));
  });

  afterAll(async () => {
    await api.close();
  });

  describe('creating', () => {
    it('creates a task under the need, with normalised skills and languages and its counts', async () => {
      const response = await createTask(owner, {
        skills: [' Teaching ', 'teaching', 'First Aid'],
        languages: ['AR', 'ku-latn'],
      }).expect(201);
      expect(response.body).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          needId,
          organizationId,
          campId,
          category: 'education',
          timezone: 'Asia/Amman',
          capacity: 5,
          confirmed: 0,
          waitlisted: 0,
          skills: ['teaching', 'first aid'],
          languages: ['ar', 'ku-Latn'],
          signupMode: 'open',
          status: 'open',
        }),
      );
      const need = await api.http.get(`/api/v1/needs/${needId}`).set(bearer(volunteer)).expect(200);
      expect(need.body.taskCount).toBeGreaterThanOrEqual(1);
    });

    it('forces review sign-up for safeguarded work', async () => {
      const response = await createTask(owner, { requiresSafeguarding: true, signupMode: 'open' }).expect(
        201,
      );
      expect(response.body).toEqual(
        expect.objectContaining({ requiresSafeguarding: true, signupMode: 'review' }),
      );
    });

    it.each([
      ['anonymous', 401],
      ['volunteer', 403],
      ['admin', 403],
      ['coordinator of another organisation', 403],
    ])('refuses %s with %i', async (who, status) => {
      const request = api.http.post(`/api/v1/needs/${needId}/tasks`).send(taskBody());
      if (who === 'volunteer') request.set(bearer(volunteer));
      if (who === 'admin') request.set(bearer(admin));
      if (who.startsWith('coordinator')) request.set(bearer(otherOwner));
      expectProblem(await request, status);
    });

    it('answers 404 for a need that does not exist', async () => {
      expectProblem(await createTask(owner, {}, '00000000-0000-4000-8000-000000000000'), 404);
    });

    it.each([
      ['startsAt', { startsAt: inHours(-1), endsAt: inHours(1) }],
      ['startsAt', { startsAt: '2026-13-01T09:00:00Z' }],
      ['startsAt', { startsAt: 'tomorrow' }],
      ['startsAt', { startsAt: '2027-01-01T09:00:00' }],
      ['endsAt', { startsAt: inHours(5), endsAt: inHours(4) }],
      ['endsAt', { startsAt: inHours(5), endsAt: inHours(5) }],
      ['capacity', { capacity: 0 }],
      ['capacity', { capacity: 1001 }],
      ['capacity', { capacity: 2.5 }],
      ['capacity', { capacity: '5' }],
      ['languages', { languages: ['english'] }],
      ['languages', { languages: ['en_GB'] }],
      ['languages', { languages: 'en' }],
      ['skills', { skills: ['x'.repeat(51)] }],
      ['skills', { skills: [''] }],
      ['remote', { remote: 'yes' }],
      ['signupMode', { signupMode: 'lottery' }],
      ['requiresSafeguarding', { requiresSafeguarding: 1 }],
      ['title', { title: 'ab' }],
      ['volunteerIds', { volunteerIds: [] }],
    ])('refuses a bad %s with 400', async (field, overrides) => {
      expectProblem(await createTask(owner, overrides), 400, field);
    });

    it('refuses identifying text with 422', async () => {
      expectProblem(
        await createTask(owner, { description: 'Bring Sara (9) from block 7 row 3' }),
        422,
        'description',
      );
      expectProblem(await createTask(owner, { skills: ['call +962 79 123 4567'] }), 422, 'skills');
    });
  });

  describe('reading, editing and cancelling', () => {
    let taskId: string;

    beforeEach(async () => {
      taskId = (await createTask(owner).expect(201)).body.id;
    });

    it('shows the task to everyone signed in', async () => {
      for (const viewer of [volunteer, otherOwner, admin, owner]) {
        await api.http.get(`/api/v1/tasks/${taskId}`).set(bearer(viewer)).expect(200);
      }
      expectProblem(await api.http.get(`/api/v1/tasks/${taskId}`), 401);
      expectProblem(
        await api.http.get('/api/v1/tasks/00000000-0000-4000-8000-000000000000').set(bearer(volunteer)),
        404,
      );
    });

    it('lets a member edit it, and audits the change; others are refused', async () => {
      const changed = await api.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(owner))
        .send({ capacity: 8, startsAt: inHours(72), endsAt: inHours(75), remote: true })
        .expect(200);
      expect(changed.body).toEqual(expect.objectContaining({ capacity: 8, remote: true }));
      for (const outsider of [otherOwner, volunteer, admin]) {
        expectProblem(
          await api.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(outsider)).send({ capacity: 2 }),
          403,
        );
      }
      const [row] = await api.db.query(
        `SELECT count(*)::int AS count FROM audit_log WHERE action = 'task.updated' AND entity_id = $1`,
        [taskId],
      );
      expect(row.count).toBe(1);
    });

    it.each([
      { skills: null },
      { capacity: null },
      { remote: null },
      { signupMode: null },
      { title: null },
      { startsAt: null },
    ])('refuses %p as an edit with 400', async (body) => {
      const field = Object.keys(body)[0];
      expectProblem(
        await api.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(owner)).send(body),
        400,
        field,
      );
    });

    it('refuses an end before the start, even when only one of them changes', async () => {
      expectProblem(
        await api.http
          .patch(`/api/v1/tasks/${taskId}`)
          .set(bearer(owner))
          .send({ endsAt: inHours(1) }),
        400,
        'endsAt',
      );
    });

    it('refuses open sign-up on safeguarded work', async () => {
      expectProblem(
        await api.http
          .patch(`/api/v1/tasks/${taskId}`)
          .set(bearer(owner))
          .send({ requiresSafeguarding: true, signupMode: 'open' }),
        400,
        'signupMode',
      );
      const safeguarded = await api.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(owner))
        .send({ requiresSafeguarding: true })
        .expect(200);
      expect(safeguarded.body.signupMode).toBe('review');
    });

    it('keeps capacity at or above the confirmed volunteers', async () => {
      await api.db.query('UPDATE tasks SET confirmed = 4 WHERE id = $1', [taskId]);
      expectProblem(
        await api.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(owner)).send({ capacity: 3 }),
        409,
        'capacity',
      );
      await api.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(owner)).send({ capacity: 4 }).expect(200);
    });

    it('freezes the time and capacity of a task that has started', async () => {
      await api.db.query(`UPDATE tasks SET starts_at = now() - interval '1 hour' WHERE id = $1`, [taskId]);
      expectProblem(
        await api.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(owner)).send({ capacity: 9 }),
        409,
      );
      await api.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(owner))
        .send({ title: 'Renamed circle' })
        .expect(200);
    });

    it('cancels once; a cancelled task takes no more changes', async () => {
      expectProblem(
        await api.http.post(`/api/v1/tasks/${taskId}/cancel`).set(bearer(volunteer)).send({}),
        403,
      );
      expectProblem(
        await api.http.post(`/api/v1/tasks/${taskId}/cancel`).set(bearer(otherOwner)).send({}),
        403,
      );
      const cancelled = await api.http
        .post(`/api/v1/tasks/${taskId}/cancel`)
        .set(bearer(owner))
        .send({ reason: 'Rain' })
        .expect(200);
      expect(cancelled.body).toEqual(expect.objectContaining({ status: 'cancelled', statusReason: 'Rain' }));
      expectProblem(await api.http.post(`/api/v1/tasks/${taskId}/cancel`).set(bearer(owner)).send({}), 409);
      expectProblem(
        await api.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(owner)).send({ title: 'Again' }),
        409,
      );
    });
  });

  describe('the upcoming list', () => {
    let listCamp: string;
    let listOwner: Account;
    let listNeed: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      listCamp = await createCamp(api, admin);
      ({ owner: listOwner, needId: listNeed } = await organizationWithNeed(api, admin, listCamp));
      const make = async (name: string, body: Record<string, unknown>) => {
        ids[name] = (await createTask(listOwner, { title: name, ...body }, listNeed).expect(201)).body.id;
      };
      await make('soon', {
        startsAt: inHours(2),
        endsAt: inHours(3),
        skills: ['Cooking'],
        languages: ['ar'],
      });
      await make('remote', { startsAt: inHours(10), endsAt: inHours(11), remote: true, languages: ['en'] });
      await make('full', { startsAt: inHours(20), endsAt: inHours(21), capacity: 2, skills: ['teaching'] });
      await make('later', { startsAt: inHours(200), endsAt: inHours(201), languages: ['ku-Latn'] });
      await make('past', { startsAt: inHours(30), endsAt: inHours(31) });
      await make('cancelled', { startsAt: inHours(40), endsAt: inHours(41) });
      await api.db.query('UPDATE tasks SET confirmed = capacity, waitlisted = 3 WHERE id = $1', [ids.full]);
      await api.db.query(
        `UPDATE tasks SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
        [ids.past],
      );
      await api.http
        .post(`/api/v1/tasks/${ids.cancelled}/cancel`)
        .set(bearer(listOwner))
        .send({})
        .expect(200);
    });

    const titles = async (query: string, account: Account = volunteer) => {
      const response = await api.http
        .get(`/api/v1/tasks?campId=${listCamp}&${query}`)
        .set(bearer(account))
        .expect(200);
      return response.body.items.map((task: { title: string }) => task.title);
    };

    it('lists upcoming open tasks soonest first, with their counts', async () => {
      expect(await titles('')).toEqual(['soon', 'remote', 'full', 'later']);
      const response = await api.http
        .get(`/api/v1/tasks?campId=${listCamp}`)
        .set(bearer(volunteer))
        .expect(200);
      const full = response.body.items.find((task: { title: string }) => task.title === 'full');
      expect(full).toEqual(expect.objectContaining({ capacity: 2, confirmed: 2, waitlisted: 3 }));
    });

    it('filters by skill (any case), language, remote, space and time window', async () => {
      expect(await titles('skill=COOKING')).toEqual(['soon']);
      expect(await titles('language=ku-latn')).toEqual(['later']);
      expect(await titles('remote=true')).toEqual(['remote']);
      expect(await titles('remote=false')).toEqual(['soon', 'full', 'later']);
      expect(await titles('hasSpace=true')).toEqual(['soon', 'remote', 'later']);
      expect(await titles('hasSpace=false')).toEqual(['full']);
      expect(await titles(`from=${inHours(5)}&to=${inHours(100)}`)).toEqual(['remote', 'full']);
      expect(await titles('category=education')).toEqual(['soon', 'remote', 'full', 'later']);
      expect(await titles('category=health')).toEqual([]);
      expect(await titles(`needId=${listNeed}&limit=1`)).toEqual(['soon']);
    });

    it('pages with a cursor', async () => {
      const first = await api.http
        .get(`/api/v1/tasks?campId=${listCamp}&limit=3`)
        .set(bearer(volunteer))
        .expect(200);
      const second = await api.http
        .get(`/api/v1/tasks?campId=${listCamp}&limit=3&cursor=${first.body.nextCursor}`)
        .set(bearer(volunteer))
        .expect(200);
      expect(
        [...first.body.items, ...second.body.items].map((task: { title: string }) => task.title),
      ).toEqual(['soon', 'remote', 'full', 'later']);
      expect(second.body.nextCursor).toBeNull();
    });

    it.each([
      'remote=maybe',
      'hasSpace=1',
      'from=yesterday',
      'language=english',
      'campId=x',
      'limit=500',
      'sort=x',
      'skill=a%00b',
      `cursor=${Buffer.from(JSON.stringify(['2030-01-01T00:00:00.000Z', 'nope'])).toString('base64url')}`,
      `cursor=${Buffer.from(JSON.stringify(['soon', 'x'])).toString('base64url')}`,
    ])('refuses the query %s with 400', async (query) => {
      expectProblem(await api.http.get(`/api/v1/tasks?${query}`).set(bearer(volunteer)), 400);
    });

    it('includes a task that starts exactly at from', async () => {
      const [row] = await api.db.query('SELECT starts_at FROM tasks WHERE id = $1', [ids.remote]);
      expect(await titles(`from=${(row.starts_at as Date).toISOString()}`)).toEqual([
        'remote',
        'full',
        'later',
      ]);
    });

    it('lets the organisation look back at its started tasks (for attendance), nobody else', async () => {
      const organizationId = (
        await api.http.get(`/api/v1/tasks/${ids.past}`).set(bearer(listOwner)).expect(200)
      ).body.organizationId;
      const lookBack = `organizationId=${organizationId}&from=${inHours(-24)}`;
      expect(await titles(lookBack, listOwner)).toEqual(['past', 'soon', 'remote', 'full', 'later']);
      expect(await titles(lookBack, admin)).toEqual(['past', 'soon', 'remote', 'full', 'later']);
      expect(await titles(lookBack)).toEqual(['soon', 'remote', 'full', 'later']);
      expect(await titles(`from=${inHours(-24)}`, listOwner)).toEqual(['soon', 'remote', 'full', 'later']);
      const stranger = (await registerOrganization(api, admin)).owner;
      expect(await titles(lookBack, stranger)).toEqual(['soon', 'remote', 'full', 'later']);
    });

    it('drops a suspended organisation’s tasks from volunteers’ lists at once', async () => {
      const {
        owner: suspendedOwner,
        organizationId: suspendedId,
        needId: suspendedNeed,
      } = await organizationWithNeed(api, admin, listCamp);
      const task = await createTask(suspendedOwner, { title: 'suspended' }, suspendedNeed).expect(201);
      expect(await titles('')).toContain('suspended');
      await api.http
        .post(`/api/v1/organizations/${suspendedId}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Vetting review' })
        .expect(200);
      expect(await titles('')).not.toContain('suspended');
      expectProblem(await api.http.get(`/api/v1/tasks/${task.body.id}`).set(bearer(volunteer)), 404);
      expect(await titles('', suspendedOwner)).toContain('suspended');
      expectProblem(
        await api.http
          .patch(`/api/v1/tasks/${task.body.id}`)
          .set(bearer(suspendedOwner))
          .send({ title: 'Still here' }),
        403,
      );
    });
  });
});
