import { expectProblem } from '@haven/testing';
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

describe('needs (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let campId: string;
  let owner: Account;
  let organizationId: string;
  let otherOwner: Account;

  const post = (account: Account, body: Record<string, unknown>) =>
    api.http.post('/api/v1/needs').set(bearer(account)).send(body);
  const countRows = async (sql: string, params: unknown[] = []) =>
    ((await api.db.query(sql, params)) as { count: number }[])[0].count;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    campId = await createCamp(api, admin);
    ({ owner, organizationId } = await registerOrganization(api, admin));
    ({ owner: otherOwner } = await registerOrganization(api, admin));
  });

  afterAll(async () => {
    await api.close();
  });

  describe('posting', () => {
    it('lets a member of an approved organisation post a need with items, and audits it', async () => {
      const response = await post(
        owner,
        needBody(campId, {
          category: 'supplies',
          items: [
            { name: 'School notebooks', unit: 'boxes', quantity: 20 },
            { name: 'Pencils', unit: 'packs of 12', quantity: 40 },
          ],
          startsOn: '2026-12-01',
          endsOn: '2027-01-31',
        }),
      ).expect(201);
      expect(response.body).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          organizationId,
          campId,
          status: 'open',
          category: 'supplies',
          beneficiaries: { count: 30, ageGroup: 'youth' },
          startsOn: '2026-12-01',
          endsOn: '2027-01-31',
          taskCount: 0,
        }),
      );
      expect(response.body.items).toEqual([
        expect.objectContaining({ name: 'School notebooks', quantity: 20, pledged: 0, delivered: 0 }),
        expect.objectContaining({ name: 'Pencils', quantity: 40, pledged: 0, delivered: 0 }),
      ]);
      expect(
        await countRows(
          `SELECT count(*)::int AS count FROM audit_log WHERE action = 'need.created' AND entity_id = $1`,
          [response.body.id],
        ),
      ).toBe(1);
    });

    it.each([
      ['anonymous', 401],
      ['volunteer', 403],
      ['admin', 403],
    ])('refuses %s with %i', async (who, status) => {
      const request = api.http.post('/api/v1/needs').send(needBody(campId));
      if (who === 'volunteer') request.set(bearer(volunteer));
      if (who === 'admin') request.set(bearer(admin));
      expectProblem(await request, status);
    });

    it('refuses a coordinator in no organisation, and one whose organisation is pending', async () => {
      const loner = await register(api, 'coordinator');
      expectProblem(await post(loner, needBody(campId)), 403);
      const { owner: pendingOwner } = await registerOrganization(api);
      const response = await post(pendingOwner, needBody(campId));
      expectProblem(response, 403);
      expect(response.body.detail).toMatch(/pending/);
    });

    it('names an unknown camp as a field error', async () => {
      expectProblem(await post(owner, needBody('00000000-0000-4000-8000-000000000000')), 400, 'campId');
    });

    it.each([
      ['category', { category: 'weapons' }],
      ['urgency', { urgency: 'whenever' }],
      ['title', { title: '' }],
      ['title', { title: 'x'.repeat(201) }],
      ['description', { description: 42 }],
      ['beneficiaries.count', { beneficiaries: { count: 0, ageGroup: 'youth' } }],
      ['beneficiaries.count', { beneficiaries: { count: 100_001, ageGroup: 'youth' } }],
      ['beneficiaries.count', { beneficiaries: { count: 2.5, ageGroup: 'youth' } }],
      ['beneficiaries.ageGroup', { beneficiaries: { count: 10, ageGroup: 'elders' } }],
      ['beneficiaries.names', { beneficiaries: { count: 10, ageGroup: 'youth', names: ['x'] } }],
      ['startsOn', { startsOn: '2026-02-30' }],
      ['startsOn', { startsOn: '01/12/2026' }],
      ['endsOn', { startsOn: '2026-12-10', endsOn: '2026-12-01' }],
      ['items.0.quantity', { items: [{ name: 'Blankets', unit: 'pieces', quantity: 0 }] }],
      ['items.0.unit', { items: [{ name: 'Blankets', quantity: 3 }] }],
      ['campId', { campId: 'not-a-uuid' }],
      ['beneficiaryNames', { beneficiaryNames: 'anything' }],
    ])('refuses a bad %s with 400 and stores nothing', async (field, overrides) => {
      const before = await countRows('SELECT count(*)::int AS count FROM needs');
      expectProblem(await post(owner, needBody(campId, overrides)), 400, field);
      expect(await countRows('SELECT count(*)::int AS count FROM needs')).toBe(before);
    });

    it.each([
      ['description', { description: 'Amira, 12, from tent 4 needs shoes' }],
      ['title', { title: 'Call 0791234567 for the class' }],
      ['items.0.name', { items: [{ name: 'Shoes for Ahmed (14)', unit: 'pairs', quantity: 1 }] }],
    ])('refuses identifying text in %s with 422, without echoing it', async (field, overrides) => {
      const before = await countRows('SELECT count(*)::int AS count FROM needs');
      const response = await post(owner, needBody(campId, overrides));
      expectProblem(response, 422, field);
      expect(JSON.stringify(response.body)).not.toMatch(/Amira|0791234567|Ahmed/);
      expect(await countRows('SELECT count(*)::int AS count FROM needs')).toBe(before);
    });
  });

  describe('reading and small-cell suppression', () => {
    it('shows a small beneficiary count exactly to its organisation and as "<5" to everyone else', async () => {
      const created = await post(
        owner,
        needBody(campId, { beneficiaries: { count: 3, ageGroup: 'children' } }),
      ).expect(201);
      const id = created.body.id;
      const own = await api.http.get(`/api/v1/needs/${id}`).set(bearer(owner)).expect(200);
      expect(own.body.beneficiaries).toEqual({ count: 3, ageGroup: 'children' });
      for (const viewer of [volunteer, otherOwner, admin]) {
        const seen = await api.http.get(`/api/v1/needs/${id}`).set(bearer(viewer)).expect(200);
        expect(seen.body.beneficiaries).toEqual({ count: '<5', ageGroup: 'children' });
      }
      const listed = await api.http
        .get(`/api/v1/needs?organizationId=${organizationId}`)
        .set(bearer(volunteer));
      const item = listed.body.items.find((need: { id: string }) => need.id === id);
      expect(item.beneficiaries.count).toBe('<5');
    });

    it('uses the threshold of 10 for health and psychosocial needs', async () => {
      const health = await post(
        owner,
        needBody(campId, { category: 'health', beneficiaries: { count: 7, ageGroup: 'adults' } }),
      ).expect(201);
      const seen = await api.http.get(`/api/v1/needs/${health.body.id}`).set(bearer(volunteer)).expect(200);
      expect(seen.body.beneficiaries.count).toBe('<10');
      const large = await post(
        owner,
        needBody(campId, { category: 'psychosocial', beneficiaries: { count: 10, ageGroup: 'adults' } }),
      ).expect(201);
      const shown = await api.http.get(`/api/v1/needs/${large.body.id}`).set(bearer(volunteer)).expect(200);
      expect(shown.body.beneficiaries.count).toBe(10);
    });

    it('answers 404 for an unknown id, and 400 for a malformed one before anything else', async () => {
      expectProblem(
        await api.http.get('/api/v1/needs/00000000-0000-4000-8000-000000000000').set(bearer(volunteer)),
        404,
      );
      expectProblem(await api.http.get('/api/v1/needs/nope').set(bearer(volunteer)), 400, 'id');
      expectProblem(await api.http.get('/api/v1/needs/nope'), 400, 'id');
    });
  });

  describe('editing, closing and cancelling', () => {
    it('lets a member edit; others get 403, and a failed edit leaves no audit entry', async () => {
      const { owner: editor, needId } = await organizationWithNeed(api, admin, campId);
      const changed = await api.http
        .patch(`/api/v1/needs/${needId}`)
        .set(bearer(editor))
        .send({ urgency: 'critical', beneficiaries: null })
        .expect(200);
      expect(changed.body).toEqual(expect.objectContaining({ urgency: 'critical', beneficiaries: null }));
      for (const outsider of [otherOwner, volunteer, admin]) {
        expectProblem(
          await api.http.patch(`/api/v1/needs/${needId}`).set(bearer(outsider)).send({ urgency: 'low' }),
          403,
        );
      }
      expect(
        await countRows(
          `SELECT count(*)::int AS count FROM audit_log WHERE action = 'need.updated' AND entity_id = $1`,
          [needId],
        ),
      ).toBe(1);
      expectProblem(
        await api.http.patch(`/api/v1/needs/${needId}`).set(bearer(editor)).send({ status: 'closed' }),
        400,
        'status',
      );
    });

    it.each([{ title: null }, { campId: null }, { category: null }, { items: null }, { urgency: null }])(
      'refuses %p as an edit with 400, changing nothing',
      async (body) => {
        const { owner: editor, needId } = await organizationWithNeed(api, admin, campId);
        const field = Object.keys(body)[0];
        expectProblem(
          await api.http.patch(`/api/v1/needs/${needId}`).set(bearer(editor)).send(body),
          400,
          field,
        );
        const still = await api.http.get(`/api/v1/needs/${needId}`).set(bearer(editor)).expect(200);
        expect(still.body).toEqual(
          expect.objectContaining({ title: 'Evening English classes', status: 'open' }),
        );
      },
    );

    it('refuses a control character in a title with 400', async () => {
      expectProblem(await post(owner, needBody(campId, { title: 'Classes\u0000 at noon' })), 400, 'title');
    });

    it('moves the need’s tasks with it when its camp or category changes', async () => {
      const { owner: editor, needId } = await organizationWithNeed(api, admin, campId);
      const task = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(editor))
        .send(taskBody())
        .expect(201);
      const otherCamp = await createCamp(api, admin);
      await api.http
        .patch(`/api/v1/needs/${needId}`)
        .set(bearer(editor))
        .send({ campId: otherCamp, category: 'mentorship' })
        .expect(200);
      const moved = await api.http.get(`/api/v1/tasks/${task.body.id}`).set(bearer(volunteer)).expect(200);
      expect(moved.body).toEqual(expect.objectContaining({ campId: otherCamp, category: 'mentorship' }));
    });

    it('closes once; a closed need neither closes, cancels nor changes again', async () => {
      const { owner: editor, needId } = await organizationWithNeed(api, admin, campId);
      const closed = await api.http
        .post(`/api/v1/needs/${needId}/close`)
        .set(bearer(editor))
        .send({ reason: 'Another NGO covered it' })
        .expect(200);
      expect(closed.body).toEqual(
        expect.objectContaining({ status: 'closed', statusReason: 'Another NGO covered it' }),
      );
      expectProblem(await api.http.post(`/api/v1/needs/${needId}/close`).set(bearer(editor)).send({}), 409);
      expectProblem(await api.http.post(`/api/v1/needs/${needId}/cancel`).set(bearer(editor)).send({}), 409);
      expectProblem(
        await api.http.patch(`/api/v1/needs/${needId}`).set(bearer(editor)).send({ urgency: 'low' }),
        409,
      );
      expectProblem(
        await api.http.post(`/api/v1/needs/${needId}/tasks`).set(bearer(editor)).send(taskBody()),
        409,
      );
    });

    it('refuses close and cancel from anyone but a member, and a reason with identifiers', async () => {
      const { owner: editor, needId } = await organizationWithNeed(api, admin, campId);
      for (const outsider of [otherOwner, admin]) {
        expectProblem(
          await api.http.post(`/api/v1/needs/${needId}/close`).set(bearer(outsider)).send({}),
          403,
        );
      }
      expectProblem(
        await api.http.post(`/api/v1/needs/${needId}/cancel`).set(bearer(volunteer)).send({}),
        403,
      );
      expectProblem(
        await api.http
          .post(`/api/v1/needs/${needId}/cancel`)
          .set(bearer(editor))
          .send({ reason: 'Family moved to caravan 12, block C' }),
        422,
        'reason',
      );
      const still = await api.http.get(`/api/v1/needs/${needId}`).set(bearer(editor)).expect(200);
      expect(still.body.status).toBe('open');
    });

    it('cancelling cancels the tasks and the live pledges, and notifies each pledger once', async () => {
      const { owner: editor, needId } = await organizationWithNeed(api, admin, campId);
      const withItems = await api.http
        .patch(`/api/v1/needs/${needId}`)
        .set(bearer(editor))
        .send({ items: [{ name: 'Blankets', unit: 'pieces', quantity: 10 }] })
        .expect(200);
      const itemId = withItems.body.items[0].id;
      const task = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(editor))
        .send(taskBody())
        .expect(201);
      const pledger = await register(api, 'volunteer');
      for (const quantity of [2, 3]) {
        await api.http
          .post(`/api/v1/needs/${needId}/items/${itemId}/pledges`)
          .set(bearer(pledger))
          .send({ quantity })
          .expect(201);
      }
      const cancelled = await api.http
        .post(`/api/v1/needs/${needId}/cancel`)
        .set(bearer(editor))
        .send({})
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(cancelled.body.items[0]).toEqual(expect.objectContaining({ pledged: 0, delivered: 0 }));
      const taskNow = await api.http.get(`/api/v1/tasks/${task.body.id}`).set(bearer(editor)).expect(200);
      expect(taskNow.body.status).toBe('cancelled');
      const outbox = await api.db.query(
        `SELECT recipient_ids FROM outbox WHERE event_type = 'need.cancelled' AND payload->>'needId' = $1`,
        [needId],
      );
      expect(outbox).toEqual([{ recipient_ids: [pledger.id] }]);
      expect(
        await countRows(
          `SELECT count(*)::int AS count FROM pledges WHERE need_id = $1 AND status = 'pledged'`,
          [needId],
        ),
      ).toBe(0);
    });
  });

  describe('listing', () => {
    let listOwner: Account;
    let listCamp: string;

    beforeAll(async () => {
      listCamp = await createCamp(api, admin);
      ({ owner: listOwner } = await registerOrganization(api, admin));
      const bodies = [
        { title: 'Mathematics tutoring', urgency: 'low', category: 'education' },
        { title: 'Football coaching', urgency: 'critical', category: 'livelihoods' },
        { title: 'Sewing workshop materials', urgency: 'high', category: 'livelihoods' },
        { title: 'Teaching assistants for classes', urgency: 'medium', category: 'education' },
        { title: 'Winter blankets', urgency: 'critical', category: 'supplies' },
      ];
      for (const body of bodies) {
        await post(listOwner, needBody(listCamp, { ...body, description: `${body.title}, weekly.` })).expect(
          201,
        );
      }
    });

    const list = (query: string, account: Account = volunteer) =>
      api.http.get(`/api/v1/needs?campId=${listCamp}&${query}`).set(bearer(account));

    it('lists open needs newest first, and pages through them without gaps or repeats', async () => {
      const first = await list('limit=2').expect(200);
      expect(first.body.items.map((need: { title: string }) => need.title)).toEqual([
        'Winter blankets',
        'Teaching assistants for classes',
      ]);
      const seen = [...first.body.items];
      let cursor = first.body.nextCursor;
      while (cursor) {
        const page = await list(`limit=2&cursor=${cursor}`).expect(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      }
      expect(seen.map((need) => need.title)).toEqual([
        'Winter blankets',
        'Teaching assistants for classes',
        'Sewing workshop materials',
        'Football coaching',
        'Mathematics tutoring',
      ]);
    });

    it('sorts the most urgent first', async () => {
      const response = await list('sort=urgency').expect(200);
      expect(response.body.items.map((need: { urgency: string }) => need.urgency)).toEqual([
        'critical',
        'critical',
        'high',
        'medium',
        'low',
      ]);
    });

    it('filters by category, urgency, organisation and status', async () => {
      const education = await list('category=education').expect(200);
      expect(education.body.items).toHaveLength(2);
      const critical = await list('urgency=critical').expect(200);
      expect(critical.body.items).toHaveLength(2);
      const byOrganization = await list(`organizationId=${organizationId}`).expect(200);
      expect(byOrganization.body.items).toHaveLength(0);
      const cancelled = await list('status=cancelled').expect(200);
      expect(cancelled.body.items).toHaveLength(0);
    });

    it('searches titles and descriptions in full text, with stemming', async () => {
      const classes = await list('q=class').expect(200);
      expect(classes.body.items.map((need: { title: string }) => need.title)).toEqual([
        'Teaching assistants for classes',
      ]);
      const either = await list(`q=${encodeURIComponent('blanket or football')}`).expect(200);
      expect(either.body.items).toHaveLength(2);
      const none = await list('q=helicopter').expect(200);
      expect(none.body.items).toHaveLength(0);
    });

    it.each([
      'status=bogus',
      'limit=0',
      'limit=101',
      'campId=nope',
      'sort=random',
      'cursor=garbage',
      `cursor=${Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')}`,
      `cursor=${Buffer.from(JSON.stringify(['2030-01-01T00:00:00.000Z', 'nope'])).toString('base64url')}`,
      'q=a%00b',
      'extra=1',
    ])('refuses the query %s with 400', async (query) => {
      expectProblem(await api.http.get(`/api/v1/needs?${query}`).set(bearer(volunteer)), 400);
    });

    it('hides a suspended organisation’s needs from others at once, but not from its members', async () => {
      const {
        owner: suspendedOwner,
        organizationId: suspendedId,
        needId,
      } = await organizationWithNeed(api, admin, listCamp);
      await api.http
        .post(`/api/v1/organizations/${suspendedId}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Vetting review' })
        .expect(200);
      const seenByVolunteer = await list(`organizationId=${suspendedId}`).expect(200);
      expect(seenByVolunteer.body.items).toHaveLength(0);
      expectProblem(await api.http.get(`/api/v1/needs/${needId}`).set(bearer(volunteer)), 404);
      const seenByMember = await list(`organizationId=${suspendedId}`, suspendedOwner).expect(200);
      expect(seenByMember.body.items).toHaveLength(1);
      await api.http.get(`/api/v1/needs/${needId}`).set(bearer(admin)).expect(200);
      const refused = await api.http
        .patch(`/api/v1/needs/${needId}`)
        .set(bearer(suspendedOwner))
        .send({ urgency: 'low' });
      expectProblem(refused, 403);
      expect(refused.body.detail).toMatch(/suspended/);
      expectProblem(await post(suspendedOwner, needBody(listCamp)), 403);
    });
  });

  it('adds needs by status and upcoming tasks to the admin’s platform counts', async () => {
    const response = await api.http.get('/api/v1/admin/stats').set(bearer(admin)).expect(200);
    const [needs] = await api.db.query(
      `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'closed')::int AS closed,
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled, count(*) FILTER (WHERE status = 'filled')::int AS filled
         FROM needs`,
    );
    expect(response.body.needs).toEqual(needs);
    expect(needs.open).toBeGreaterThan(0);
    const [tasks] = await api.db.query(
      `SELECT count(*)::int AS upcoming, count(*) FILTER (WHERE confirmed < capacity)::int AS "withSpace"
         FROM tasks WHERE status = 'open' AND starts_at > now()`,
    );
    expect(response.body.tasks).toEqual(tasks);
    expect(tasks.upcoming).toBeGreaterThan(0);
  });
});
