import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  HOUR,
  inHours,
  inYears,
  manyVolunteers,
  needBody,
  organizationWithNeed,
  register,
  registerAdmin,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';
import { eventually } from './support/polling';

describe('sign-ups, waitlists, review, safeguarding and attendance (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let campId: string;
  let owner: Account;
  let organizationId: string;
  let needId: string;
  let otherOwner: Account;
  let otherOrganizationId: string;

  let slot = 0;
  /** A task of the owner's need, each in its own future hour unless told otherwise. */
  async function task(body: Record<string, unknown> = {}, account: Account = owner, need = needId) {
    slot += 3;
    const response = await api.http
      .post(`/api/v1/needs/${need}/tasks`)
      .set(bearer(account))
      .send(taskBody({ startsAt: inHours(100 + slot), endsAt: inHours(101 + slot), ...body }))
      .expect(201);
    return response.body.id as string;
  }
  const signUp = (account: { accessToken: string }, taskId: string) =>
    api.http.post(`/api/v1/tasks/${taskId}/signups`).set(bearer(account)).send({});
  const withdraw = (account: { accessToken: string }, taskId: string) =>
    api.http.delete(`/api/v1/tasks/${taskId}/signups/me`).set(bearer(account));
  const counts = async (taskId: string) => {
    const response = await api.http.get(`/api/v1/tasks/${taskId}`).set(bearer(owner)).expect(200);
    return { confirmed: response.body.confirmed, waitlisted: response.body.waitlisted };
  };
  const statuses = async (taskId: string) =>
    (
      (await api.db.query('SELECT volunteer_id, status FROM signups WHERE task_id = $1 ORDER BY seq', [
        taskId,
      ])) as {
        volunteer_id: string;
        status: string;
      }[]
    ).map((row) => [row.volunteer_id, row.status]);
  const outbox = (eventType: string, signupId: string) =>
    api.db.query(`SELECT recipient_ids FROM outbox WHERE event_type = $1 AND payload->>'signupId' = $2`, [
      eventType,
      signupId,
    ]);

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    campId = await createCamp(api, admin);
    ({ owner, organizationId, needId } = await organizationWithNeed(api, admin, campId));
    ({ owner: otherOwner, organizationId: otherOrganizationId } = await organizationWithNeed(
      api,
      admin,
      campId,
    ));
  });

  afterAll(async () => {
    await api.close();
  });

  describe('open sign-up', () => {
    it('confirms while there is space, then waitlists in arrival order, and tells each volunteer', async () => {
      const taskId = await task({ capacity: 2 });
      const volunteers = [await register(api), await register(api), await register(api)];
      const answers = [];
      for (const volunteer of volunteers) answers.push((await signUp(volunteer, taskId).expect(201)).body);
      expect(answers.map((answer) => answer.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
      expect(await counts(taskId)).toEqual({ confirmed: 2, waitlisted: 1 });
      expect(await outbox('signup.confirmed', answers[0].id)).toEqual([
        { recipient_ids: [volunteers[0].id] },
      ]);
      expect(await outbox('signup.waitlisted', answers[2].id)).toEqual([
        { recipient_ids: [volunteers[2].id] },
      ]);
    });

    it('refuses a second live sign-up for the same task', async () => {
      const taskId = await task();
      const volunteer = await register(api);
      await signUp(volunteer, taskId).expect(201);
      expectProblem(await signUp(volunteer, taskId), 409);
    });

    it('refuses a confirmed overlap, naming the other task, even across time zones', async () => {
      const bogota = await api.http
        .post('/api/v1/camps')
        .set(bearer(admin))
        .send({
          name: `Fictional Bogota camp ${Date.now()}`,
          country: 'CO',
          region: 'Cundinamarca',
          timezone: 'America/Bogota',
        })
        .expect(201);
      const { owner: farOwner, needId: farNeed } = await organizationWithNeed(api, admin, bogota.body.id);
      const start = Date.now() + 400 * HOUR;
      const here = await task({
        title: 'Morning class in Amman',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 2 * HOUR).toISOString(),
      });
      const there = await task(
        {
          title: 'Remote session from Bogota',
          startsAt: new Date(start + HOUR).toISOString(),
          endsAt: new Date(start + 3 * HOUR).toISOString(),
        },
        farOwner,
        farNeed,
      );
      const after = await task({
        startsAt: new Date(start + 2 * HOUR).toISOString(),
        endsAt: new Date(start + 3 * HOUR).toISOString(),
      });
      const volunteer = await register(api);
      await signUp(volunteer, here).expect(201);
      const refused = await signUp(volunteer, there);
      expectProblem(refused, 409);
      expect(refused.body.detail).toContain('Morning class in Amman');
      // Back to back is not an overlap.
      await signUp(volunteer, after).expect(201);
    });

    it('refuses cancelled and started tasks', async () => {
      const cancelled = await task();
      await api.http.post(`/api/v1/tasks/${cancelled}/cancel`).set(bearer(owner)).send({}).expect(200);
      const volunteer = await register(api);
      expectProblem(await signUp(volunteer, cancelled), 409);
      const started = await task();
      await api.db.query(`UPDATE tasks SET starts_at = now() - interval '1 hour' WHERE id = $1`, [started]);
      expectProblem(await signUp(volunteer, started), 409);
    });

    it('answers each role as the contract says', async () => {
      const taskId = await task();
      expectProblem(await api.http.post(`/api/v1/tasks/${taskId}/signups`).send({}), 401);
      for (const caller of [owner, otherOwner, admin]) expectProblem(await signUp(caller, taskId), 403);
      const volunteer = await register(api);
      expectProblem(await signUp(volunteer, '00000000-0000-4000-8000-000000000000'), 404);
      expectProblem(await signUp(volunteer, 'not-a-task'), 400, 'id');
      expectProblem(
        await api.http.post(`/api/v1/tasks/${taskId}/signups`).set(bearer(volunteer)).send({ note: 'x' }),
        400,
      );
    });

    it('hides a suspended organisation’s tasks from sign-up', async () => {
      const {
        owner: soonSuspended,
        organizationId: suspendedId,
        needId: suspendedNeed,
      } = await organizationWithNeed(api, admin, campId);
      const taskId = await task({}, soonSuspended, suspendedNeed);
      await api.http
        .post(`/api/v1/organizations/${suspendedId}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Review' })
        .expect(200);
      expectProblem(await signUp(await register(api), taskId), 404);
    });
  });

  describe('withdrawal', () => {
    it('frees the place and confirms the first waitlisted volunteer, who is told', async () => {
      const taskId = await task({ capacity: 1 });
      const [first, second, third] = [await register(api), await register(api), await register(api)];
      await signUp(first, taskId).expect(201);
      const secondSignup = (await signUp(second, taskId).expect(201)).body;
      await signUp(third, taskId).expect(201);
      await withdraw(first, taskId).expect(204);
      expect(await statuses(taskId)).toEqual([
        [first.id, 'withdrawn'],
        [second.id, 'confirmed'],
        [third.id, 'waitlisted'],
      ]);
      expect(await counts(taskId)).toEqual({ confirmed: 1, waitlisted: 1 });
      expect(await outbox('signup.promoted', secondSignup.id)).toEqual([{ recipient_ids: [second.id] }]);
    });

    it('skips a waitlisted volunteer who is now confirmed elsewhere at that time', async () => {
      const start = Date.now() + 600 * HOUR;
      const window = {
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + HOUR).toISOString(),
      };
      const taskId = await task({ capacity: 1, ...window });
      const elsewhere = await task(window);
      const [first, busy, free] = [await register(api), await register(api), await register(api)];
      await signUp(first, taskId).expect(201);
      await signUp(busy, taskId).expect(201);
      await signUp(free, taskId).expect(201);
      await withdraw(busy, taskId).expect(204);
      await signUp(busy, taskId).expect(201);
      // busy is now behind free in the queue, and gets confirmed elsewhere at the same time.
      expect((await signUp(busy, elsewhere).expect(201)).body.status).toBe('confirmed');
      await withdraw(first, taskId).expect(204);
      expect(await statuses(taskId)).toEqual([
        [first.id, 'withdrawn'],
        [busy.id, 'withdrawn'],
        [free.id, 'confirmed'],
        [busy.id, 'waitlisted'],
      ]);
      // With free gone too, busy is still skipped: the place stays open rather than double-book.
      await withdraw(free, taskId).expect(204);
      expect(await counts(taskId)).toEqual({ confirmed: 0, waitlisted: 1 });
    });

    it('answers 404 without a live sign-up, and 204 once', async () => {
      const taskId = await task();
      const volunteer = await register(api);
      expectProblem(await withdraw(volunteer, taskId), 404);
      await signUp(volunteer, taskId).expect(201);
      await withdraw(volunteer, taskId).expect(204);
      expectProblem(await withdraw(volunteer, taskId), 404);
      expectProblem(await withdraw(owner, taskId), 403);
    });
  });

  describe('changes to the task', () => {
    it('moves the waitlist up, in order, when the capacity grows', async () => {
      const taskId = await task({ capacity: 1 });
      const [first, second, third] = [await register(api), await register(api), await register(api)];
      for (const volunteer of [first, second, third]) await signUp(volunteer, taskId).expect(201);
      await api.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(owner)).send({ capacity: 2 }).expect(200);
      expect(await statuses(taskId)).toEqual([
        [first.id, 'confirmed'],
        [second.id, 'confirmed'],
        [third.id, 'waitlisted'],
      ]);
      expect(await counts(taskId)).toEqual({ confirmed: 2, waitlisted: 1 });
    });

    it('refuses to move a task onto a confirmed volunteer’s other task, without saying whose', async () => {
      const start = Date.now() + 700 * HOUR;
      const at = (hours: number) => new Date(start + hours * HOUR).toISOString();
      const first = await task({ startsAt: at(0), endsAt: at(2) });
      const second = await task({ startsAt: at(4), endsAt: at(6) });
      const volunteer = await register(api);
      await signUp(volunteer, first).expect(201);
      await signUp(volunteer, second).expect(201);
      const refused = await api.http
        .patch(`/api/v1/tasks/${second}`)
        .set(bearer(owner))
        .send({ startsAt: at(1), endsAt: at(3) });
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/^1 confirmed volunteer could not keep/);
      expect(JSON.stringify(refused.body)).not.toContain(volunteer.displayName);
      await api.http
        .patch(`/api/v1/tasks/${second}`)
        .set(bearer(owner))
        .send({ startsAt: at(2), endsAt: at(3) })
        .expect(200);
    });

    it('refuses to move a safeguarded task past the end of a confirmed volunteer’s clearance', async () => {
      const taskId = await task({ requiresSafeguarding: true, startsAt: inHours(30), endsAt: inHours(32) });
      const volunteer = await register(api);
      const signupId = (await signUp(volunteer, taskId).expect(201)).body.id;
      const until = new Date(Date.now() + 5 * 24 * HOUR).toISOString().slice(0, 10);
      await api.http
        .post(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
        .set(bearer(owner))
        .send({ volunteerId: volunteer.id, validUntil: until })
        .expect(201);
      await api.http.post(`/api/v1/signups/${signupId}/approve`).set(bearer(owner)).expect(200);
      expectProblem(
        await api.http
          .patch(`/api/v1/tasks/${taskId}`)
          .set(bearer(owner))
          .send({ startsAt: inHours(240), endsAt: inHours(242) }),
        409,
      );
      await api.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(owner))
        .send({ startsAt: inHours(40), endsAt: inHours(42) })
        .expect(200);
    });

    it('refuses to require safeguarding once volunteers hold places', async () => {
      const taskId = await task();
      await signUp(await register(api), taskId).expect(201);
      expectProblem(
        await api.http
          .patch(`/api/v1/tasks/${taskId}`)
          .set(bearer(owner))
          .send({ requiresSafeguarding: true }),
        409,
        'requiresSafeguarding',
      );
    });
  });

  describe('review mode', () => {
    it('holds sign-ups as pending and tells the organisation’s coordinators', async () => {
      const taskId = await task({ signupMode: 'review' });
      const volunteer = await register(api);
      const pending = (await signUp(volunteer, taskId).expect(201)).body;
      expect(pending.status).toBe('pending');
      const [row] = await outbox('signup.received', pending.id);
      expect(row.recipient_ids).toEqual([owner.id]);
      expect(await counts(taskId)).toEqual({ confirmed: 0, waitlisted: 0 });
    });

    it('approves to confirmed while there is space and to waitlisted after; declines', async () => {
      const taskId = await task({ signupMode: 'review', capacity: 1 });
      const [a, b, c] = [await register(api), await register(api), await register(api)];
      const ids = [];
      for (const volunteer of [a, b, c]) ids.push((await signUp(volunteer, taskId).expect(201)).body.id);
      const approved = await api.http
        .post(`/api/v1/signups/${ids[0]}/approve`)
        .set(bearer(owner))
        .expect(200);
      expect(approved.body.status).toBe('confirmed');
      const second = await api.http.post(`/api/v1/signups/${ids[1]}/approve`).set(bearer(owner)).expect(200);
      expect(second.body.status).toBe('waitlisted');
      const declined = await api.http
        .post(`/api/v1/signups/${ids[2]}/decline`)
        .set(bearer(owner))
        .expect(200);
      expect(declined.body.status).toBe('declined');
      expect(await outbox('signup.declined', ids[2])).toEqual([{ recipient_ids: [c.id] }]);
      expectProblem(await api.http.post(`/api/v1/signups/${ids[0]}/approve`).set(bearer(owner)), 409);
      expectProblem(await api.http.post(`/api/v1/signups/${ids[2]}/decline`).set(bearer(owner)), 409);
      expect(await counts(taskId)).toEqual({ confirmed: 1, waitlisted: 1 });
      const [audit] = await api.db.query(
        `SELECT count(*)::int AS count FROM audit_log WHERE entity = 'signup' AND entity_id = ANY($1)`,
        [ids],
      );
      expect(audit.count).toBeGreaterThanOrEqual(6);
    });

    it('puts a sign-up approved into a full task behind those already waiting', async () => {
      const taskId = await task({ signupMode: 'review', capacity: 1 });
      const [early, later, third] = [await register(api), await register(api), await register(api)];
      const earlyId = (await signUp(early, taskId).expect(201)).body.id;
      const laterId = (await signUp(later, taskId).expect(201)).body.id;
      const thirdId = (await signUp(third, taskId).expect(201)).body.id;
      await api.http.post(`/api/v1/signups/${thirdId}/approve`).set(bearer(owner)).expect(200);
      await api.http.post(`/api/v1/signups/${laterId}/approve`).set(bearer(owner)).expect(200);
      await api.http.post(`/api/v1/signups/${earlyId}/approve`).set(bearer(owner)).expect(200);
      expect(await statuses(taskId)).toEqual([
        [third.id, 'confirmed'],
        [later.id, 'waitlisted'],
        [early.id, 'waitlisted'],
      ]);
    });

    it('lets only the task’s organisation decide; to others the sign-up does not exist', async () => {
      const taskId = await task({ signupMode: 'review' });
      const signupId = (await signUp(await register(api), taskId).expect(201)).body.id;
      expectProblem(await api.http.post(`/api/v1/signups/${signupId}/approve`).set(bearer(otherOwner)), 404);
      expectProblem(await api.http.post(`/api/v1/signups/${signupId}/decline`).set(bearer(otherOwner)), 404);
      for (const caller of [admin, await register(api)]) {
        expectProblem(await api.http.post(`/api/v1/signups/${signupId}/approve`).set(bearer(caller)), 403);
      }
      expectProblem(await api.http.post(`/api/v1/signups/${signupId}/approve`), 401);
      expectProblem(
        await api.http
          .post('/api/v1/signups/00000000-0000-4000-8000-000000000000/approve')
          .set(bearer(owner)),
        404,
      );
    });
  });

  describe('safeguarding', () => {
    let volunteer: Account;
    let taskId: string;
    let signupId: string;

    beforeEach(async () => {
      volunteer = await register(api);
      taskId = await task({ requiresSafeguarding: true });
      signupId = (await signUp(volunteer, taskId).expect(201)).body.id;
    });

    const approve = () => api.http.post(`/api/v1/signups/${signupId}/approve`).set(bearer(owner));
    const clear = (account: Account, organization: string, body: Record<string, unknown>) =>
      api.http
        .post(`/api/v1/organizations/${organization}/safeguarding-clearances`)
        .set(bearer(account))
        .send(body);

    it('refuses to confirm without a clearance, and confirms with a valid one (audited)', async () => {
      const refused = await approve();
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/clearance/);
      const clearance = await clear(owner, organizationId, {
        volunteerId: volunteer.id,
        validUntil: inYears(2),
      }).expect(201);
      expect(clearance.body).toEqual(
        expect.objectContaining({ volunteerId: volunteer.id, validUntil: inYears(2), revokedAt: null }),
      );
      expect((await approve().expect(200)).body.status).toBe('confirmed');
      const [audit] = await api.db.query(
        `SELECT count(*)::int AS count FROM audit_log WHERE action = 'safeguarding.recorded' AND entity_id = $1`,
        [clearance.body.id],
      );
      expect(audit.count).toBe(1);
    });

    it('does not accept a clearance that expires before the task ends, or another organisation’s', async () => {
      await api.db.query(
        `INSERT INTO safeguarding_clearances (organization_id, volunteer_id, valid_until) VALUES ($1, $2, current_date - 1)`,
        [organizationId, volunteer.id],
      );
      expectProblem(await approve(), 409);
      await clear(owner, organizationId, {
        volunteerId: volunteer.id,
        validUntil: new Date().toISOString().slice(0, 10),
      }).expect(201);
      expectProblem(await approve(), 409);
      // The other organisation may record one once the volunteer signed up for its tasks; it does not count here.
      const otherNeed = await api.http
        .post('/api/v1/needs')
        .set(bearer(otherOwner))
        .send(needBody(campId))
        .expect(201);
      await signUp(volunteer, await task({}, otherOwner, otherNeed.body.id)).expect(201);
      await clear(otherOwner, otherOrganizationId, {
        volunteerId: volunteer.id,
        validUntil: inYears(2),
      }).expect(201);
      expectProblem(await approve(), 409);
    });

    it('records clearances only by the organisation’s members, for its volunteers, valid from today', async () => {
      expectProblem(
        await clear(otherOwner, organizationId, { volunteerId: volunteer.id, validUntil: inYears(1) }),
        403,
      );
      expectProblem(
        await clear(admin, organizationId, { volunteerId: volunteer.id, validUntil: inYears(1) }),
        403,
      );
      expectProblem(
        await clear(volunteer, organizationId, { volunteerId: volunteer.id, validUntil: inYears(1) }),
        403,
      );
      expectProblem(
        await clear(owner, organizationId, { volunteerId: otherOwner.id, validUntil: inYears(1) }),
        404,
      );
      expectProblem(
        await clear(owner, organizationId, { volunteerId: volunteer.id, validUntil: '2020-01-01' }),
        400,
        'validUntil',
      );
      expectProblem(
        await clear(owner, organizationId, { volunteerId: volunteer.id, validUntil: '2030-02-30' }),
        400,
        'validUntil',
      );
      expectProblem(
        await clear(owner, organizationId, { volunteerId: 'x', validUntil: inYears(1) }),
        400,
        'volunteerId',
      );
      await clear(owner, organizationId, { volunteerId: volunteer.id, validUntil: inYears(1) }).expect(201);
      const listed = await api.http
        .get(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
        .set(bearer(owner))
        .expect(200);
      expect(listed.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            volunteerId: volunteer.id,
            validUntil: inYears(1),
            volunteerName: volunteer.displayName,
          }),
        ]),
      );
      expectProblem(
        await api.http
          .get(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
          .set(bearer(otherOwner)),
        403,
      );
      await api.http
        .get(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
        .set(bearer(admin))
        .expect(200);
      expectProblem(
        await api.http
          .get(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
          .set(bearer(volunteer)),
        403,
      );
      expectProblem(
        await api.http.get(`/api/v1/organizations/${organizationId}/safeguarding-clearances`),
        401,
      );
    });
  });

  describe('attendance and history', () => {
    it('records attendance after the start, with hours defaulting to the task’s length', async () => {
      const taskId = await task({ startsAt: inHours(50), endsAt: inHours(52.5) });
      const [came, missed, custom] = [await register(api), await register(api), await register(api)];
      const ids: string[] = [];
      for (const volunteer of [came, missed, custom])
        ids.push((await signUp(volunteer, taskId).expect(201)).body.id);
      const mark = (id: string, body: Record<string, unknown>) =>
        api.http.post(`/api/v1/signups/${id}/attendance`).set(bearer(owner)).send(body);
      expectProblem(await mark(ids[0], { status: 'attended' }), 409);
      await api.db.query(
        `UPDATE tasks SET starts_at = now() - interval '3 hours', ends_at = now() - interval '30 minutes' WHERE id = $1`,
        [taskId],
      );
      expect((await mark(ids[0], { status: 'attended' }).expect(200)).body).toEqual(
        expect.objectContaining({ status: 'attended', hours: 2.5 }),
      );
      expect((await mark(ids[1], { status: 'no_show' }).expect(200)).body).toEqual(
        expect.objectContaining({ status: 'no_show', hours: null }),
      );
      expect((await mark(ids[2], { status: 'attended', hours: 1.75 }).expect(200)).body.hours).toBe(1.75);
      expectProblem(await mark(ids[1], { status: 'no_show', hours: 2 }), 400, 'hours');
      expectProblem(await mark(ids[2], { status: 'attended', hours: 25 }), 400, 'hours');
      expectProblem(await mark(ids[2], { status: 'present' }), 400, 'status');
      expectProblem(await mark(ids[2], { status: 'attended' }).set(bearer(otherOwner)), 404);
      expect(await outbox('signup.attendance_recorded', ids[0])).toEqual([{ recipient_ids: [came.id] }]);

      const history = await api.http.get('/api/v1/me/signups').set(bearer(came)).expect(200);
      expect(history.body.items[0]).toEqual(
        expect.objectContaining({
          status: 'attended',
          hours: 2.5,
          task: expect.objectContaining({ id: taskId, timezone: 'Asia/Amman' }),
          need: expect.objectContaining({ id: needId }),
        }),
      );
      expect(history.body.totals).toEqual({ hours: 2.5, attended: 1, upcoming: 0 });

      const list = await api.http.get(`/api/v1/tasks/${taskId}/signups`).set(bearer(owner)).expect(200);
      const noShow = list.body.items.find(
        (item: { volunteer: { id: string } }) => item.volunteer.id === missed.id,
      );
      expect(noShow).toEqual(expect.objectContaining({ status: 'no_show', noShowsLast12Months: 1 }));
    });

    it('shows a task’s sign-ups to its organisation and admins only', async () => {
      const taskId = await task();
      const volunteer = await register(api);
      await signUp(volunteer, taskId).expect(201);
      const listed = await api.http.get(`/api/v1/tasks/${taskId}/signups`).set(bearer(owner)).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          status: 'confirmed',
          volunteer: { id: volunteer.id, displayName: volunteer.displayName, skills: [], languages: [] },
        }),
      ]);
      await api.http.get(`/api/v1/tasks/${taskId}/signups`).set(bearer(admin)).expect(200);
      expectProblem(await api.http.get(`/api/v1/tasks/${taskId}/signups`).set(bearer(otherOwner)), 403);
      expectProblem(await api.http.get(`/api/v1/tasks/${taskId}/signups`).set(bearer(volunteer)), 403);
      for (const cursor of [['9999999999999999999'], ['x'], [1, 2]]) {
        const encoded = Buffer.from(JSON.stringify(cursor)).toString('base64url');
        expectProblem(
          await api.http.get(`/api/v1/tasks/${taskId}/signups?cursor=${encoded}`).set(bearer(owner)),
          400,
          'cursor',
        );
      }
      expectProblem(await api.http.get('/api/v1/me/signups').set(bearer(owner)), 403);
    });
  });

  describe('telling the people signed up', () => {
    const events = (eventType: string, taskId: string) =>
      api.db.query(`SELECT recipient_ids FROM outbox WHERE event_type = $1 AND payload->>'taskId' = $2`, [
        eventType,
        taskId,
      ]);

    it('tells everyone signed up when the time changes or the task is cancelled, not for other edits', async () => {
      const taskId = await task({ capacity: 1 });
      const [confirmed, waiting, gone] = [await register(api), await register(api), await register(api)];
      for (const volunteer of [confirmed, waiting, gone]) await signUp(volunteer, taskId).expect(201);
      await withdraw(gone, taskId).expect(204);
      await api.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(owner))
        .send({ title: 'New title' })
        .expect(200);
      expect(await events('task.changed', taskId)).toEqual([]);
      await api.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(owner))
        .send({ startsAt: inHours(900), endsAt: inHours(901) })
        .expect(200);
      const [changed] = await events('task.changed', taskId);
      expect([...changed.recipient_ids].sort()).toEqual([confirmed.id, waiting.id].sort());
      await api.http.post(`/api/v1/tasks/${taskId}/cancel`).set(bearer(owner)).send({}).expect(200);
      const [cancelled] = await events('task.cancelled', taskId);
      expect([...cancelled.recipient_ids].sort()).toEqual([confirmed.id, waiting.id].sort());
    });

    it('tells the volunteers of every task when their need is cancelled', async () => {
      const { owner: needOwner, needId: ownNeed } = await organizationWithNeed(api, admin, campId);
      const taskId = await task({}, needOwner, ownNeed);
      const volunteer = await register(api);
      await signUp(volunteer, taskId).expect(201);
      await api.http.post(`/api/v1/needs/${ownNeed}/cancel`).set(bearer(needOwner)).send({}).expect(200);
      const rows = await api.db.query(
        `SELECT recipient_ids FROM outbox WHERE event_type = 'need.cancelled' AND payload->>'needId' = $1`,
        [ownNeed],
      );
      expect(rows).toEqual([{ recipient_ids: [volunteer.id] }]);
    });
  });

  describe('the volunteer’s own data', () => {
    it('exports profile, sign-ups and clearances, and on deletion gives their places to the waitlist', async () => {
      const taskId = await task({ capacity: 1 });
      const [leaving, next] = [await register(api), await register(api)];
      await api.http
        .put('/api/v1/me/volunteer-profile')
        .set(bearer(leaving))
        .send({
          skills: ['cooking'],
          languages: ['ar'],
          availability: [],
          remote: false,
          campIds: [],
          bio: 'Retired cook.',
        })
        .expect(200);
      await api.http.post('/api/v1/me/calendar-token').set(bearer(leaving)).expect(201);
      const held = (await signUp(leaving, taskId).expect(201)).body;
      await signUp(next, taskId).expect(201);
      const exported = await api.http.get('/api/v1/me/export').set(bearer(leaving)).expect(200);
      expect(exported.body.volunteerProfile).toEqual(expect.objectContaining({ bio: 'Retired cook.' }));
      expect(exported.body.signups).toEqual([expect.objectContaining({ id: held.id, status: 'confirmed' })]);
      expect(exported.body.safeguardingClearances).toEqual([]);

      await api.http
        .delete('/api/v1/me')
        .set(bearer(leaving))
        .send({ password: leaving.password })
        .expect(204);
      expect(await statuses(taskId)).toEqual([
        [leaving.id, 'withdrawn'],
        [next.id, 'confirmed'],
      ]);
      const [left] = await api.db.query(
        `SELECT (SELECT count(*)::int FROM volunteer_profiles WHERE user_id = $1) AS profiles,
                (SELECT count(*)::int FROM calendar_tokens WHERE user_id = $1) AS tokens`,
        [leaving.id],
      );
      expect(left).toEqual({ profiles: 0, tokens: 0 });
    });
  });

  describe('under concurrency', () => {
    it('confirms exactly 10 of 500 simultaneous sign-ups and waitlists 490 in commit order, with no 5xx', async () => {
      const taskId = await task({ capacity: 10 });
      const volunteers = await manyVolunteers(api, 500);
      const responses = await Promise.all(volunteers.map((volunteer) => signUp(volunteer, taskId)));
      expect(responses.filter((response) => response.status !== 201)).toEqual([]);
      const byStatus = (status: string) =>
        responses.filter((response) => response.body.status === status).length;
      expect(byStatus('confirmed')).toBe(10);
      expect(byStatus('waitlisted')).toBe(490);
      expect(await counts(taskId)).toEqual({ confirmed: 10, waitlisted: 490 });
      // seq is drawn under the task lock: the ten lowest are the ten confirmed, and created_at
      // (clock time inside the same lock) rises with it.
      const rows: { status: string; created_at: Date }[] = await api.db.query(
        'SELECT status, created_at FROM signups WHERE task_id = $1 ORDER BY seq',
        [taskId],
      );
      expect(rows.slice(0, 10).every((row) => row.status === 'confirmed')).toBe(true);
      expect(rows.slice(10).every((row) => row.status === 'waitlisted')).toBe(true);
      for (let index = 1; index < rows.length; index += 1) {
        expect(rows[index].created_at.getTime()).toBeGreaterThanOrEqual(rows[index - 1].created_at.getTime());
      }
    });

    it('promotes in queue order under concurrent withdrawals', async () => {
      const taskId = await task({ capacity: 10 });
      const volunteers = await manyVolunteers(api, 30);
      for (const volunteer of volunteers) await signUp(volunteer, taskId).expect(201);
      const leaving = volunteers.slice(0, 6);
      const responses = await Promise.all(leaving.map((volunteer) => withdraw(volunteer, taskId)));
      expect(responses.map((response) => response.status)).toEqual(Array(6).fill(204));
      expect(await counts(taskId)).toEqual({ confirmed: 10, waitlisted: 14 });
      const order = await statuses(taskId);
      expect(order.filter(([, status]) => status === 'confirmed').map(([id]) => id)).toEqual(
        volunteers.slice(6, 16).map((volunteer) => volunteer.id),
      );
    });

    it('never over-confirms under concurrent approvals', async () => {
      const taskId = await task({ capacity: 10, signupMode: 'review' });
      const volunteers = await manyVolunteers(api, 40);
      const ids: string[] = [];
      for (const volunteer of volunteers) ids.push((await signUp(volunteer, taskId).expect(201)).body.id);
      const responses = await Promise.all(
        ids.map((id) => api.http.post(`/api/v1/signups/${id}/approve`).set(bearer(owner))),
      );
      expect(responses.filter((response) => response.status !== 200)).toEqual([]);
      expect(responses.filter((response) => response.body.status === 'confirmed')).toHaveLength(10);
      expect(await counts(taskId)).toEqual({ confirmed: 10, waitlisted: 30 });
    });

    it('confirms one volunteer for at most one of two overlapping tasks approved and signed up for at once', async () => {
      const window = { startsAt: inHours(810), endsAt: inHours(812) };
      const reviewed = await task({ ...window, signupMode: 'review' });
      const open = await task(window);
      const [volunteer] = await manyVolunteers(api, 1);
      const pendingId = (await signUp(volunteer, reviewed).expect(201)).body.id as string;
      // The same gate as below: the approval and the sign-up both reach their writes, and only the
      // volunteer's lock keeps the second from deciding on what the first has not committed.
      const gate = api.db.createQueryRunner();
      await gate.connect();
      await gate.startTransaction();
      try {
        await gate.query('LOCK TABLE signups IN EXCLUSIVE MODE');
        const racing = Promise.all([
          api.http.post(`/api/v1/signups/${pendingId}/approve`).set(bearer(owner)).send({}),
          signUp(volunteer, open),
        ]);
        await eventually(async () => {
          const [{ waiting }] = await api.db.query(
            `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE NOT l.granted AND a.datname = current_database()`,
          );
          return waiting >= 2;
        }, 'the approval and the sign-up to wait for a lock');
        await gate.commitTransaction();
        const statuses = (await racing).map((response) => response.status);
        expect(statuses.filter((status) => status === 409)).toHaveLength(1);
        const confirmed = await api.db.query(
          `SELECT 1 FROM signups WHERE volunteer_id = $1 AND status = 'confirmed'`,
          [volunteer.id],
        );
        expect(confirmed).toHaveLength(1);
      } finally {
        if (gate.isTransactionActive) await gate.rollbackTransaction();
        await gate.release();
      }
    });

    it('confirms one volunteer for at most one of two overlapping tasks signed up for at once', async () => {
      const window = { startsAt: inHours(800), endsAt: inHours(802) };
      const first = await task(window);
      const second = await task(window);
      const [volunteer] = await manyVolunteers(api, 1);
      // Two requests alone rarely overlap in time (the lock on the volunteer went unmissed by a
      // mutant). Holding back every write to signups lines them up: each passes its reads, then
      // waits — on the volunteer's lock, or, were that lock gone, both past the overlap check.
      const gate = api.db.createQueryRunner();
      await gate.connect();
      await gate.startTransaction();
      try {
        await gate.query('LOCK TABLE signups IN EXCLUSIVE MODE');
        const racing = Promise.all([signUp(volunteer, first), signUp(volunteer, second)]);
        await eventually(async () => {
          const [{ waiting }] = await api.db.query(
            `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE NOT l.granted AND a.datname = current_database()`,
          );
          return waiting >= 2;
        }, 'both sign-ups to wait for a lock');
        await gate.commitTransaction();
        const responses = await racing;
        expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      } finally {
        if (gate.isTransactionActive) await gate.rollbackTransaction();
        await gate.release();
      }
    });
  });
});
