import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  inHours,
  inYears,
  joinOrganization,
  manyVolunteers,
  organizationWithNeed,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';
import { eventually } from './support/polling';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('safeguarding clearances: limits, revocation and its effects (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let campId: string;
  let owner: Account;
  let member: Account;
  let organizationId: string;
  let needId: string;
  let otherOwner: Account;
  let otherOrganizationId: string;
  let otherNeedId: string;

  let slot = 0;
  async function task(body: Record<string, unknown> = {}, account: Account = owner, need = needId) {
    slot += 3;
    const response = await api.http
      .post(`/api/v1/needs/${need}/tasks`)
      .set(bearer(account))
      .send(
        taskBody({
          startsAt: inHours(100 + slot),
          endsAt: inHours(101 + slot),
          requiresSafeguarding: true,
          ...body,
        }),
      )
      .expect(201);
    return response.body.id as string;
  }
  const signUp = (account: { accessToken: string }, taskId: string) =>
    api.http.post(`/api/v1/tasks/${taskId}/signups`).set(bearer(account)).send({});
  const approve = (signupId: string, account: Account = owner) =>
    api.http.post(`/api/v1/signups/${signupId}/approve`).set(bearer(account));
  const record = (account: Account | null, organization: string, body: Record<string, unknown>) => {
    const call = api.http.post(`/api/v1/organizations/${organization}/safeguarding-clearances`);
    return (account ? call.set(bearer(account)) : call).send(body);
  };
  const revoke = (account: Account | null, organization: string, clearanceId: string, body: object) => {
    const call = api.http.delete(
      `/api/v1/organizations/${organization}/safeguarding-clearances/${clearanceId}`,
    );
    return (account ? call.set(bearer(account)) : call).send(body);
  };
  const REASON = { reason: 'The organisation’s background check was withdrawn.' };
  /** Whether at least `count` statements of this suite's database wait for a lock. */
  const lockWaiters = async (count: number) => {
    const [{ waiting }] = await api.db.query(
      `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database()`,
    );
    return waiting >= count;
  };
  const statusOf = async (signupId: string) =>
    (await api.db.query('SELECT status FROM signups WHERE id = $1', [signupId]))[0].status as string;
  const counters = async (taskId: string) =>
    (
      await api.db.query(
        `SELECT t.confirmed, t.waitlisted,
                (SELECT count(*)::int FROM signups s WHERE s.task_id = t.id AND s.status = 'confirmed') AS "confirmedRows",
                (SELECT count(*)::int FROM signups s WHERE s.task_id = t.id AND s.status = 'waitlisted') AS "waitlistedRows"
           FROM tasks t WHERE t.id = $1`,
        [taskId],
      )
    )[0];

  /** A volunteer signed up (pending) for a safeguarded task, cleared, and approved: confirmed. */
  async function confirmedWithClearance(taskId: string, volunteer?: Account) {
    const person = volunteer ?? (await register(api));
    const signupId = (await signUp(person, taskId).expect(201)).body.id as string;
    const clearance = await record(owner, organizationId, {
      volunteerId: person.id,
      validUntil: inYears(1),
    }).expect(201);
    const approved = await approve(signupId).expect(200);
    return {
      volunteer: person,
      signupId,
      clearanceId: clearance.body.id as string,
      status: approved.body.status,
    };
  }

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    campId = await createCamp(api, admin);
    ({ owner, organizationId, needId } = await organizationWithNeed(api, admin, campId));
    member = await joinOrganization(api, owner, organizationId);
    ({
      owner: otherOwner,
      organizationId: otherOrganizationId,
      needId: otherNeedId,
    } = await organizationWithNeed(api, admin, campId));
  });

  afterAll(async () => {
    await api.close();
  });

  describe('recording', () => {
    it('accepts at most three years ahead, refusing 9999-12-31', async () => {
      const volunteer = await register(api);
      await signUp(volunteer, await task()).expect(201);
      for (const validUntil of [inYears(3, 1), '9999-12-31', inYears(10)]) {
        expectProblem(
          await record(owner, organizationId, { volunteerId: volunteer.id, validUntil }),
          400,
          'validUntil',
        );
      }
      const longest = await record(owner, organizationId, {
        volunteerId: volunteer.id,
        validUntil: inYears(3),
      });
      expect(longest.status).toBe(201);
      expect(longest.body.validUntil).toBe(inYears(3));
    });

    it('answers 404, naming no one, unless the volunteer signed up for one of the organisation’s tasks', async () => {
      const stranger = await register(api);
      const elsewhere = await register(api);
      await signUp(elsewhere, await task({}, otherOwner, otherNeedId)).expect(201);
      for (const volunteerId of [stranger.id, elsewhere.id, otherOwner.id, admin.id, UNKNOWN_ID]) {
        const refused = await record(owner, organizationId, { volunteerId, validUntil: inYears(1) });
        expectProblem(refused, 404);
        expect(JSON.stringify(refused.body)).not.toMatch(/Test volunteer|Test coordinator|Test admin/);
      }
      // A past sign-up, even withdrawn, is enough: the organisation already knows the volunteer.
      const former = await register(api);
      const taskId = await task();
      await signUp(former, taskId).expect(201);
      await api.http.delete(`/api/v1/tasks/${taskId}/signups/me`).set(bearer(former)).expect(204);
      const recorded = await record(member, organizationId, {
        volunteerId: former.id,
        validUntil: inYears(1),
      });
      expect(recorded.status).toBe(201);
      expect(recorded.body.volunteerName).toBe(former.displayName);
    });

    it('is for members of the approved organisation only', async () => {
      const volunteer = await register(api);
      await signUp(volunteer, await task()).expect(201);
      const body = { volunteerId: volunteer.id, validUntil: inYears(1) };
      expectProblem(await record(null, organizationId, body), 401);
      expectProblem(await record(volunteer, organizationId, body), 403);
      expectProblem(await record(admin, organizationId, body), 403);
      expectProblem(await record(otherOwner, organizationId, body), 403);
      expectProblem(await record(owner, UNKNOWN_ID, body), 404);
      const pending = await registerOrganization(api);
      expectProblem(await record(pending.owner, pending.organizationId, body), 403);
      expectProblem(await record(otherOwner, pending.organizationId, body), 404);
      await record(member, organizationId, body).expect(201);
    });
  });

  describe('revoking', () => {
    it('is for the organisation’s members only; another organisation’s clearance is not found', async () => {
      const { volunteer, clearanceId } = await confirmedWithClearance(await task());
      const otherTask = await task({}, otherOwner, otherNeedId);
      await signUp(volunteer, otherTask).expect(201);
      const otherClearance = await record(otherOwner, otherOrganizationId, {
        volunteerId: volunteer.id,
        validUntil: inYears(1),
      }).expect(201);
      expectProblem(await revoke(null, organizationId, clearanceId, REASON), 401);
      expectProblem(await revoke(volunteer, organizationId, clearanceId, REASON), 403);
      expectProblem(await revoke(admin, organizationId, clearanceId, REASON), 403);
      expectProblem(await revoke(otherOwner, organizationId, clearanceId, REASON), 403);
      expectProblem(await revoke(owner, organizationId, otherClearance.body.id, REASON), 404);
      expectProblem(await revoke(owner, otherOrganizationId, clearanceId, REASON), 403);
      expectProblem(await revoke(owner, organizationId, UNKNOWN_ID, REASON), 404);
      expectProblem(await revoke(owner, organizationId, clearanceId, {}), 400, 'reason');
      expectProblem(await revoke(owner, organizationId, clearanceId, { reason: '' }), 400, 'reason');
      expectProblem(
        await revoke(owner, organizationId, clearanceId, { reason: 'x'.repeat(2001) }),
        400,
        'reason',
      );
      expectProblem(
        await revoke(owner, organizationId, clearanceId, { reason: 'te\u0000st' }),
        400,
        'reason',
      );
      expectProblem(
        await revoke(owner, organizationId, clearanceId, { reason: 'Call her on +962 79 123 4567' }),
        422,
        'reason',
      );
      const [unchanged] = await api.db.query('SELECT revoked_at FROM safeguarding_clearances WHERE id = $1', [
        clearanceId,
      ]);
      expect(unchanged.revoked_at).toBeNull();
      await revoke(member, organizationId, clearanceId, REASON).expect(204);
      expectProblem(await revoke(owner, organizationId, clearanceId, REASON), 409);
    });

    it('sends confirmed places back to review, promotes the waitlist, keeps the record and tells everyone', async () => {
      const full = await task({ capacity: 1 });
      const spare = await task({ capacity: 3 });
      const open = await task({ requiresSafeguarding: false, signupMode: 'open' });
      const { volunteer, signupId, clearanceId } = await confirmedWithClearance(full);
      const onSpare = (await signUp(volunteer, spare).expect(201)).body.id;
      await approve(onSpare).expect(200);
      const onOpen = (await signUp(volunteer, open).expect(201)).body.id;
      // Two others wait for the full task: the first has no clearance, the second has one.
      const uncleared = await register(api);
      const unclearedSignup = (await signUp(uncleared, full).expect(201)).body.id;
      const next = await confirmedWithClearance(full);
      expect(next.status).toBe('waitlisted');
      // The first waiter is approved into the waitlist after a clearance, then that clearance lapses.
      const lapsing = await record(owner, organizationId, {
        volunteerId: uncleared.id,
        validUntil: inYears(1),
      });
      expect((await approve(unclearedSignup).expect(200)).body.status).toBe('waitlisted');
      await api.db.query(`UPDATE safeguarding_clearances SET valid_until = current_date - 1 WHERE id = $1`, [
        lapsing.body.id,
      ]);
      expect(await counters(full)).toEqual({
        confirmed: 1,
        waitlisted: 2,
        confirmedRows: 1,
        waitlistedRows: 2,
      });

      await revoke(owner, organizationId, clearanceId, REASON).expect(204);

      expect(await statusOf(signupId)).toBe('pending');
      expect(await statusOf(onSpare)).toBe('pending');
      expect(await statusOf(onOpen)).toBe('confirmed');
      expect(await statusOf(next.signupId)).toBe('confirmed');
      expect(await statusOf(unclearedSignup)).toBe('waitlisted');
      expect(await counters(full)).toEqual({
        confirmed: 1,
        waitlisted: 1,
        confirmedRows: 1,
        waitlistedRows: 1,
      });
      expect(await counters(spare)).toEqual({
        confirmed: 0,
        waitlisted: 0,
        confirmedRows: 0,
        waitlistedRows: 0,
      });
      // Without a clearance the place cannot be given back.
      expectProblem(await approve(signupId), 409);

      const listed = await api.http
        .get(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
        .query({ limit: 100 })
        .set(bearer(owner))
        .expect(200);
      expect(listed.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: clearanceId, revokedAt: expect.any(String) })]),
      );
      const [kept] = await api.db.query(
        'SELECT revoked_by, revocation_reason FROM safeguarding_clearances WHERE id = $1',
        [clearanceId],
      );
      expect(kept).toEqual({ revoked_by: owner.id, revocation_reason: REASON.reason });
      const audit = await api.db.query(
        `SELECT actor_id, summary FROM audit_log WHERE action = 'safeguarding.revoked' AND entity_id = $1`,
        [clearanceId],
      );
      expect(audit).toEqual([{ actor_id: owner.id, summary: expect.stringMatching(/2 confirmed place/) }]);
      expect(audit[0].summary).not.toContain(REASON.reason);

      const outbox = await api.db.query(
        `SELECT event_type, recipient_ids, payload FROM outbox
          WHERE event_type LIKE 'safeguarding.revoked%' AND payload->>'clearanceId' = $1 ORDER BY event_type`,
        [clearanceId],
      );
      expect(outbox).toEqual([
        {
          event_type: 'safeguarding.revoked',
          recipient_ids: [volunteer.id],
          payload: expect.objectContaining({ signupIds: expect.arrayContaining([signupId, onSpare]) }),
        },
        {
          event_type: 'safeguarding.revoked_review',
          recipient_ids: expect.arrayContaining([owner.id, member.id]),
          payload: expect.objectContaining({ taskIds: expect.arrayContaining([full, spare]) }),
        },
      ]);
      expect(JSON.stringify(outbox)).not.toContain(REASON.reason);
      const promoted = await api.db.query(
        `SELECT 1 FROM outbox WHERE event_type = 'signup.promoted' AND payload->>'signupId' = $1`,
        [next.signupId],
      );
      expect(promoted).toHaveLength(1);
    });

    it('leaves places alone that another valid clearance still covers', async () => {
      const { volunteer, signupId, clearanceId } = await confirmedWithClearance(await task());
      await record(owner, organizationId, { volunteerId: volunteer.id, validUntil: inYears(2) }).expect(201);
      await revoke(owner, organizationId, clearanceId, REASON).expect(204);
      expect(await statusOf(signupId)).toBe('confirmed');
    });

    it('keeps capacity exact when a revocation races approvals and withdrawals', async () => {
      const taskId = await task({ capacity: 3 });
      const { volunteer, clearanceId } = await confirmedWithClearance(taskId);
      const others = await manyVolunteers(api, 8);
      const pending: string[] = [];
      for (const other of others) {
        pending.push((await signUp(other, taskId).expect(201)).body.id);
        await record(owner, organizationId, { volunteerId: other.id, validUntil: inYears(1) }).expect(201);
      }
      await approve(pending[0]).expect(200);
      const responses = await Promise.all([
        revoke(owner, organizationId, clearanceId, REASON),
        ...pending.slice(1).map((signupId, index) => approve(signupId, index % 2 ? owner : member)),
        api.http.delete(`/api/v1/tasks/${taskId}/signups/me`).set(bearer(others[0])),
      ]);
      expect(responses.filter((response) => response.status >= 500)).toEqual([]);
      expect(responses[0].status).toBe(204);
      const after = await counters(taskId);
      expect(after.confirmed).toBe(after.confirmedRows);
      expect(after.waitlisted).toBe(after.waitlistedRows);
      expect(after.confirmed).toBe(3);
      const [mine] = await api.db.query(
        'SELECT status FROM signups WHERE task_id = $1 AND volunteer_id = $2',
        [taskId, volunteer.id],
      );
      expect(mine.status).toBe('pending');
    });

    it('never leaves a volunteer confirmed on a revoked clearance when approval and revocation race', async () => {
      for (let round = 0; round < 5; round += 1) {
        const first = await task();
        const { volunteer, clearanceId } = await confirmedWithClearance(first);
        const second = await task();
        const signupId = (await signUp(volunteer, second).expect(201)).body.id;
        const [revoked, approved] = await Promise.all([
          revoke(owner, organizationId, clearanceId, REASON),
          approve(signupId),
        ]);
        expect(revoked.status).toBe(204);
        expect([200, 409]).toContain(approved.status);
        const confirmed = await api.db.query(
          `SELECT 1 FROM signups WHERE volunteer_id = $1 AND status = 'confirmed'`,
          [volunteer.id],
        );
        expect(confirmed).toEqual([]);
      }
    });

    it('holds back an approval made while a revocation is still committing, and then refuses it', async () => {
      const first = await task();
      const { volunteer, clearanceId } = await confirmedWithClearance(first);
      const second = await task();
      // Hold the revocation after its checks, holding the clearances' lock: writes to clearances wait.
      const gate = api.db.createQueryRunner();
      await gate.connect();
      await gate.startTransaction();
      try {
        await gate.query('LOCK TABLE safeguarding_clearances IN EXCLUSIVE MODE');
        const revoking = revoke(owner, organizationId, clearanceId, REASON).then(
          (response) => response.status,
        );
        await eventually(() => lockWaiters(1), 'the revocation to wait');
        const signupId = (await signUp(volunteer, second).expect(201)).body.id as string;
        let approved: number | undefined;
        const approving = approve(signupId).then((response) => (approved = response.status));
        // The approval must wait for the revocation (the clearances' lock) instead of reading the
        // clearance as still valid: two waiters, and no answer yet.
        await eventually(async () => approved ?? (await lockWaiters(2)), 'the approval to wait or answer');
        expect(approved).toBeUndefined();
        await gate.commitTransaction();
        expect(await revoking).toBe(204);
        expect(await approving).toBe(409);
        expect(await statusOf(signupId)).toBe('pending');
      } finally {
        if (gate.isTransactionActive) await gate.rollbackTransaction();
        await gate.release();
      }
    });
  });
});
