import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  inHours,
  inYears,
  organizationWithNeed,
  register,
  registerAdmin,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

/**
 * Rules that only one code path guards (issue 17, item 6). Hand-made mutants showed that removing
 * each of these checks went unnoticed, or was caught only by accident (a CHECK constraint's 500, a
 * pool exhausted): each is pinned here by a test that fails when its check goes.
 */
describe('rules only one path guards (e2e)', () => {
  let api: TestApi;
  let owner: Account;
  let organizationId: string;
  let needId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const admin = await registerAdmin(api);
    const campId = await createCamp(api, admin);
    ({ owner, organizationId, needId } = await organizationWithNeed(api, admin, campId));
  });

  afterAll(async () => {
    await api.close();
  });

  let slot = 0;
  /** A task of its own hours, far from every other test's. */
  async function task(overrides: Record<string, unknown> = {}, hours = 100 + (slot += 5)) {
    const response = await api.http
      .post(`/api/v1/needs/${needId}/tasks`)
      .set(bearer(owner))
      .send(taskBody({ startsAt: inHours(hours), endsAt: inHours(hours + 2), ...overrides }))
      .expect(201);
    return { id: response.body.id as string, hours };
  }
  const signUp = (who: Account, taskId: string) =>
    api.http.post(`/api/v1/tasks/${taskId}/signups`).set(bearer(who)).send({});
  const approve = (signupId: string) =>
    api.http.post(`/api/v1/signups/${signupId}/approve`).set(bearer(owner)).send({});
  const statusOf = async (signupId: string) =>
    (await api.db.query('SELECT status FROM signups WHERE id = $1', [signupId]))[0].status as string;
  const counters = async (taskId: string) =>
    (await api.db.query('SELECT confirmed, waitlisted FROM tasks WHERE id = $1', [taskId]))[0];
  const clear = (volunteerId: string, validUntil: string) =>
    api.http
      .post(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
      .set(bearer(owner))
      .send({ volunteerId, validUntil })
      .expect(201);

  it('refuses to approve a pending sign-up that overlaps a task the volunteer is confirmed for', async () => {
    const volunteer = await register(api);
    const reviewed = await task({ signupMode: 'review' });
    // Pending first (a pending place blocks nothing), then confirmed for an overlapping open task.
    const pending = (await signUp(volunteer, reviewed.id).expect(201)).body;
    expect(pending.status).toBe('pending');
    const open = await task({}, reviewed.hours + 1);
    expect((await signUp(volunteer, open.id).expect(201)).body.status).toBe('confirmed');

    const response = await approve(pending.id);
    expectProblem(response, 409);
    expect(response.body.type).toBe('urn:haven:problem:overlapping_signup');
    expect(await statusOf(pending.id)).toBe('pending');
    expect(await counters(reviewed.id)).toEqual({ confirmed: 0, waitlisted: 0 });
  });

  it('skips, on promotion off the waitlist, a volunteer whose clearance no longer covers the moved task', async () => {
    const safeguarded = await task({ requiresSafeguarding: true, signupMode: 'review', capacity: 1 });
    const [first, shortCleared, longCleared] = [
      await register(api),
      await register(api),
      await register(api),
    ];
    const signups: string[] = [];
    for (const [volunteer, validUntil] of [
      [first, inYears(1)],
      [shortCleared, inYears(0, 8)],
      [longCleared, inYears(1)],
    ] as const) {
      const signup = (await signUp(volunteer, safeguarded.id).expect(201)).body.id as string;
      await clear(volunteer.id, validUntil);
      await approve(signup).expect(200);
      signups.push(signup);
    }
    expect(await Promise.all(signups.map(statusOf))).toEqual(['confirmed', 'waitlisted', 'waitlisted']);

    // The task moves three weeks on: beyond the second volunteer's clearance, not the others'.
    const startsAt = inHours(safeguarded.hours + 21 * 24);
    await api.http
      .patch(`/api/v1/tasks/${safeguarded.id}`)
      .set(bearer(owner))
      .send({ startsAt, endsAt: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString() })
      .expect(200);
    // The confirmed volunteer withdraws: the place goes past the uncleared one to the next in line.
    await api.http.delete(`/api/v1/tasks/${safeguarded.id}/signups/me`).set(bearer(first)).expect(204);

    expect(await Promise.all(signups.map(statusOf))).toEqual(['withdrawn', 'waitlisted', 'confirmed']);
    expect(await counters(safeguarded.id)).toEqual({ confirmed: 1, waitlisted: 1 });
  });

  it('writes no outbox row when the state change it belongs to rolls back', async () => {
    const volunteer = await register(api);
    const open = await task();
    const outboxRows = async () =>
      (await api.db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n as number;
    const before = { outbox: await outboxRows(), counters: await counters(open.id) };
    // The audit entry is the sign-up's last write, after its outbox row: make it fail, once.
    await api.db.query(`
      CREATE FUNCTION fail_signup_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.summary LIKE 'Signed up%' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_signup_audit BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION fail_signup_audit();`);
    try {
      const response = await signUp(volunteer, open.id);
      expectProblem(response, 500);
    } finally {
      await api.db.query(`DROP TRIGGER fail_signup_audit ON audit_log; DROP FUNCTION fail_signup_audit();`);
    }

    expect(await outboxRows()).toBe(before.outbox);
    expect(await counters(open.id)).toEqual(before.counters);
    expect(
      (await api.db.query('SELECT count(*)::int AS n FROM signups WHERE task_id = $1', [open.id]))[0].n,
    ).toBe(0);
    // The same sign-up, with nothing failing, does write its row.
    await signUp(volunteer, open.id).expect(201);
    expect(await outboxRows()).toBe(before.outbox + 1);
  });

  describe('capacity and pledges are the service’s rules (409), not only the schema’s', () => {
    it('waitlists past capacity, on sign-up and on approval', async () => {
      const open = await task({ capacity: 1 });
      const reviewed = await task({ capacity: 1, signupMode: 'review' });
      const [a, b] = [await register(api), await register(api)];
      expect((await signUp(a, open.id).expect(201)).body.status).toBe('confirmed');
      expect((await signUp(b, open.id).expect(201)).body.status).toBe('waitlisted');
      const pendings = [
        (await signUp(a, reviewed.id).expect(201)).body.id,
        (await signUp(b, reviewed.id).expect(201)).body.id,
      ];
      // a is confirmed elsewhere at another time: both approvals fit, the second goes to the waitlist.
      expect((await approve(pendings[0]).expect(200)).body.status).toBe('confirmed');
      expect((await approve(pendings[1]).expect(200)).body.status).toBe('waitlisted');
      expect(await counters(reviewed.id)).toEqual({ confirmed: 1, waitlisted: 1 });
    });

    it('refuses to cut capacity below the confirmed volunteers', async () => {
      const open = await task({ capacity: 2 });
      await signUp(await register(api), open.id).expect(201);
      await signUp(await register(api), open.id).expect(201);
      const response = await api.http
        .patch(`/api/v1/tasks/${open.id}`)
        .set(bearer(owner))
        .send({ capacity: 1 });
      expectProblem(response, 409, 'capacity');
      expect(response.body.type).toBe('urn:haven:problem:capacity_below_confirmed');
      expect(await counters(open.id)).toEqual({ confirmed: 2, waitlisted: 0 });
    });

    it('refuses a pledge beyond what remains wanted, and an item cut below its pledges', async () => {
      const need = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send({
          campId: (await api.db.query('SELECT camp_id FROM needs WHERE id = $1', [needId]))[0].camp_id,
          category: 'supplies',
          title: 'Winter blankets',
          description: 'Blankets for the coming winter.',
          urgency: 'high',
          items: [{ name: 'Blankets', unit: 'pieces', quantity: 10 }],
        })
        .expect(201);
      const item = need.body.items[0];
      const pledge = (who: Account, quantity: number) =>
        api.http
          .post(`/api/v1/needs/${need.body.id}/items/${item.id}/pledges`)
          .set(bearer(who))
          .send({ quantity });
      const [a, b] = [await register(api), await register(api)];
      await pledge(a, 7).expect(201);
      const over = await pledge(b, 4);
      expectProblem(over, 409);
      expect(over.body.type).toBe('urn:haven:problem:over_pledged');
      await pledge(b, 3).expect(201);
      expectProblem(await pledge(b, 1), 409);

      const cut = await api.http
        .patch(`/api/v1/needs/${need.body.id}`)
        .set(bearer(owner))
        .send({ items: [{ id: item.id, name: 'Blankets', unit: 'pieces', quantity: 9 }] });
      expectProblem(cut, 409, 'items.0.quantity');
      expect(cut.body.type).toBe('urn:haven:problem:item_has_pledges');
      const [row] = await api.db.query('SELECT quantity, pledged FROM need_items WHERE id = $1', [item.id]);
      expect(row).toEqual({ quantity: 10, pledged: 10 });
    });
  });
});
