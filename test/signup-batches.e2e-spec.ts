import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  inHours,
  manyVolunteers,
  organizationWithNeed,
  registerAdmin,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

/**
 * Sign-ups for one task that arrive together share one transaction (SignupWriter). What one of
 * them comes to must never depend on the others in its batch: a duplicate is refused alone, a
 * failing one fails alone, and the counters and the queue stay exact.
 */
describe('sign-ups written together (e2e)', () => {
  let api: TestApi;
  let owner: Account;
  let needId: string;

  let slot = 0;
  async function task(body: Record<string, unknown> = {}) {
    slot += 3;
    const response = await api.http
      .post(`/api/v1/needs/${needId}/tasks`)
      .set(bearer(owner))
      .send(taskBody({ startsAt: inHours(100 + slot), endsAt: inHours(101 + slot), ...body }))
      .expect(201);
    return response.body.id as string;
  }
  const signUp = (account: { accessToken: string }, taskId: string) =>
    api.http.post(`/api/v1/tasks/${taskId}/signups`).set(bearer(account)).send({});
  const rows = async (taskId: string) =>
    (await api.db.query('SELECT volunteer_id, status FROM signups WHERE task_id = $1 ORDER BY seq', [
      taskId,
    ])) as { volunteer_id: string; status: string }[];
  const counters = async (taskId: string) =>
    (await api.db.query('SELECT confirmed, waitlisted FROM tasks WHERE id = $1', [taskId]))[0];

  beforeAll(async () => {
    api = await startTestApi();
    const admin = await registerAdmin(api);
    const campId = await createCamp(api, admin);
    ({ owner, needId } = await organizationWithNeed(api, admin, campId));
  });

  afterAll(async () => {
    await api.close();
  });

  it('takes one sign-up of a volunteer who sends it many times at once, among others', async () => {
    const taskId = await task({ capacity: 5 });
    const volunteers = await manyVolunteers(api, 30);
    const [twice] = volunteers;
    const requests = [...volunteers.map((volunteer) => signUp(volunteer, taskId))];
    for (let copy = 0; copy < 20; copy++) requests.splice(copy * 2, 0, signUp(twice, taskId));
    const responses = await Promise.all(requests);
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(20);
    for (const response of refused) {
      expectProblem(response, 409);
      expect(response.body.type).toBe('urn:haven:problem:already_signed_up');
    }
    expect(responses.filter((response) => response.status === 201)).toHaveLength(30);
    const written = await rows(taskId);
    expect(written.filter((row) => row.volunteer_id === twice.id)).toHaveLength(1);
    expect(written.map((row) => row.status)).toEqual([
      ...Array(5).fill('confirmed'),
      ...Array(25).fill('waitlisted'),
    ]);
    expect(await counters(taskId)).toEqual({ confirmed: 5, waitlisted: 25 });
  });

  it('answers each waitlisted volunteer the place the queue gives them', async () => {
    const taskId = await task({ capacity: 3 });
    const volunteers = await manyVolunteers(api, 40);
    const responses = await Promise.all(volunteers.map((volunteer) => signUp(volunteer, taskId)));
    const answered = new Map(
      responses.map((response) => [response.body.volunteerId as string, response.body.waitlistPosition]),
    );
    const queue = (await rows(taskId)).filter((row) => row.status === 'waitlisted');
    expect(queue.map((row) => answered.get(row.volunteer_id))).toEqual(queue.map((_, index) => index + 1));
  });

  it('gives no place to a volunteer refused in the batch: the others queue as if they were alone', async () => {
    slot += 3;
    const when = { startsAt: inHours(100 + slot), endsAt: inHours(102 + slot) };
    const elsewhere = await task({ ...when, capacity: 10 });
    const taskId = await task({ ...when, capacity: 3 });
    const volunteers = await manyVolunteers(api, 12);
    const busy = new Set([1, 4, 5, 9].map((index) => volunteers[index].id));
    for (const volunteer of volunteers.filter((v) => busy.has(v.id))) {
      await signUp(volunteer, elsewhere).expect(201);
    }
    const responses = await Promise.all(volunteers.map((volunteer) => signUp(volunteer, taskId)));
    for (const [index, response] of responses.entries()) {
      if (!busy.has(volunteers[index].id)) continue;
      expectProblem(response, 409);
      expect(response.body.type).toBe('urn:haven:problem:overlapping_signup');
    }
    const placed = responses.filter((_, index) => !busy.has(volunteers[index].id));
    expect(placed.map((response) => response.status)).toEqual(Array(8).fill(201));
    const written = await rows(taskId);
    expect(written.map((row) => row.status)).toEqual([
      ...Array(3).fill('confirmed'),
      ...Array(5).fill('waitlisted'),
    ]);
    const answered = new Map(placed.map((response) => [response.body.volunteerId as string, response.body]));
    expect(written.map((row) => answered.get(row.volunteer_id)?.waitlistPosition)).toEqual([
      null,
      null,
      null,
      1,
      2,
      3,
      4,
      5,
    ]);
    expect(await counters(taskId)).toEqual({ confirmed: 3, waitlisted: 5 });
  });

  it('takes every sign-up of a review task as pending, moving no places', async () => {
    const taskId = await task({ capacity: 2, signupMode: 'review' });
    const volunteers = await manyVolunteers(api, 10);
    const responses = await Promise.all(volunteers.map((volunteer) => signUp(volunteer, taskId)));
    expect(responses.map((response) => [response.status, response.body.status])).toEqual(
      Array(10).fill([201, 'pending']),
    );
    expect((await rows(taskId)).map((row) => row.status)).toEqual(Array(10).fill('pending'));
    expect(await counters(taskId)).toEqual({ confirmed: 0, waitlisted: 0 });
  });

  it('fails only the sign-up that fails, not the others written with it', async () => {
    const taskId = await task({ capacity: 10 });
    const volunteers = await manyVolunteers(api, 30);
    const failing = volunteers[7];
    const outboxRows = async () =>
      (await api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'taskId' = $1`, [taskId]))[0]
        .n as number;
    // The audit entry of one volunteer's sign-up fails, whatever batch it lands in.
    await api.db.query(`
      CREATE FUNCTION fail_one_signup_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.actor_id = '${failing.id}' AND NEW.summary LIKE 'Signed up%' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_one_signup_audit BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION fail_one_signup_audit();`);
    let responses;
    try {
      responses = await Promise.all(volunteers.map((volunteer) => signUp(volunteer, taskId)));
    } finally {
      await api.db.query(
        `DROP TRIGGER fail_one_signup_audit ON audit_log; DROP FUNCTION fail_one_signup_audit();`,
      );
    }
    expectProblem(responses[7], 500);
    const others = responses.filter((_, index) => index !== 7);
    expect(others.map((response) => response.status)).toEqual(Array(29).fill(201));
    const written = await rows(taskId);
    expect(written.map((row) => row.volunteer_id)).not.toContain(failing.id);
    expect(written.map((row) => row.status)).toEqual([
      ...Array(10).fill('confirmed'),
      ...Array(19).fill('waitlisted'),
    ]);
    expect(await counters(taskId)).toEqual({ confirmed: 10, waitlisted: 19 });
    expect(await outboxRows()).toBe(29);
  });

  it('refuses a missing task with 404 and a cancelled one with 409, whoever is in the batch', async () => {
    const open = await task({ capacity: 2 });
    const cancelled = await task({ capacity: 2 });
    await api.http.post(`/api/v1/tasks/${cancelled}/cancel`).set(bearer(owner)).send({}).expect(200);
    const volunteers = await manyVolunteers(api, 12);
    const missing = '00000000-0000-4000-8000-000000000000';
    const responses = await Promise.all(
      volunteers.flatMap((volunteer) => [
        signUp(volunteer, open),
        signUp(volunteer, cancelled),
        signUp(volunteer, missing),
      ]),
    );
    const byTask = (index: number) => responses.filter((_, position) => position % 3 === index);
    expect(byTask(0).map((response) => response.status)).toEqual(Array(12).fill(201));
    for (const response of byTask(1)) {
      expectProblem(response, 409);
      expect(response.body.type).toBe('urn:haven:problem:task_cancelled');
    }
    for (const response of byTask(2)) expectProblem(response, 404);
    expect(await counters(open)).toEqual({ confirmed: 2, waitlisted: 10 });
  });
});
