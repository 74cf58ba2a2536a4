import { randomUUID } from 'node:crypto';
import { recordAccountToken } from '../libs/identity/src/tokens/account-tokens';
import {
  Account,
  bearer,
  createCamp,
  inHours,
  needBody,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

/**
 * Deleting an account, checked table by table (issue 15): what goes, what is anonymised and what
 * stays. Each context erases in one place (AccountDeletionService, MembershipService.erase,
 * eraseVolunteer; notifications still by its trigger users_forget_notifications). The first test
 * keeps this list honest: a new table that refers to accounts must be added here, with a decision.
 */
const DECIDED: Record<string, string> = {
  'account_tokens.user_id': 'links stop working (used)',
  'calendar_tokens.user_id': 'deleted',
  'needs.created_by': 'kept: the need belongs to the organisation',
  'notification_preferences.user_id': 'deleted',
  'notifications.user_id': 'deleted, with their deliveries',
  'organization_decisions.actor_id': 'kept: who decided, an id only',
  'organization_invitations.invited_by': 'kept: the invitation belongs to the organisation',
  'organization_invitations.invitee_id': 'pending ones withdrawn',
  'organization_members.user_id': 'deleted (a sole owner is refused)',
  'pledges.volunteer_id': 'kept: the organisation counts on it',
  'refresh_tokens.user_id': 'revoked',
  'safeguarding_clearances.recorded_by': 'kept',
  'safeguarding_clearances.revoked_by': 'kept',
  'safeguarding_clearances.volunteer_id': 'kept: the organisation’s record',
  'signups.volunteer_id': 'live ones for tasks not started withdrawn; the rest kept',
  'tasks.created_by': 'kept',
  'user_phones.user_id': 'deleted',
  'volunteer_profiles.user_id': 'deleted',
};

describe('account erasure (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let campId: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    campId = await createCamp(api, admin);
  });

  afterAll(async () => {
    await api.close();
  });

  const count = async (sql: string, params: unknown[]) =>
    ((await api.db.query(sql, params)) as { count: number }[])[0]!.count;

  it('has decided what happens to every column that refers to an account', async () => {
    const rows: { reference: string }[] = await api.db.query(
      `SELECT DISTINCT source.relname || '.' || attribute.attname AS reference
         FROM pg_constraint c
         JOIN pg_class source ON source.oid = c.conrelid
         JOIN pg_attribute attribute ON attribute.attrelid = c.conrelid AND attribute.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass
        ORDER BY 1`,
    );
    expect(rows.map((row) => row.reference)).toEqual(Object.keys(DECIDED).sort());
  });

  it('deletes, anonymises and keeps what each context decided, for a volunteer with data everywhere', async () => {
    const { owner, organizationId } = await registerOrganization(api, admin);
    const volunteer = await register(api, 'volunteer');
    const waiting = await register(api, 'volunteer');
    const as = bearer;

    // Organisations: a pending invitation to the volunteer's address is impossible (coordinators
    // only), so the volunteer's side is sign-ups, pledges and clearances.
    const need = await api.http
      .post('/api/v1/needs')
      .set(as(owner))
      .send(needBody(campId, { items: [{ name: 'Blankets', unit: 'boxes', quantity: 100 }] }))
      .expect(201);
    const newTask = async (overrides: Record<string, unknown> = {}) =>
      (
        await api.http
          .post(`/api/v1/needs/${need.body.id}/tasks`)
          .set(as(owner))
          .send(taskBody(overrides))
          .expect(201)
      ).body.id as string;
    // A future task with one place: the volunteer holds it, another waits.
    const full = await newTask({ capacity: 1 });
    const held = await api.http.post(`/api/v1/tasks/${full}/signups`).set(as(volunteer)).send({}).expect(201);
    const queued = await api.http.post(`/api/v1/tasks/${full}/signups`).set(as(waiting)).send({}).expect(201);
    expect(queued.body.status).toBe('waitlisted');
    // A task already started: its sign-up stays as it is.
    const startsAt = inHours(72);
    const started = await newTask({ startsAt, endsAt: inHours(74) });
    const past = await api.http
      .post(`/api/v1/tasks/${started}/signups`)
      .set(as(volunteer))
      .send({})
      .expect(201);
    await api.db.query(
      `UPDATE tasks SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1`,
      [started],
    );
    const item = need.body.items[0].id as string;
    const pledge = await api.http
      .post(`/api/v1/needs/${need.body.id}/items/${item}/pledges`)
      .set(as(volunteer))
      .send({ quantity: 1 })
      .expect(201);
    const validUntil = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    const clearance = await api.http
      .post(`/api/v1/organizations/${organizationId}/safeguarding-clearances`)
      .set(as(owner))
      .send({ volunteerId: volunteer.id, validUntil })
      .expect(201);
    await api.http
      .put('/api/v1/me/volunteer-profile')
      .set(as(volunteer))
      .send({ skills: ['teaching'], languages: ['en'], availability: [], remote: false, campIds: [campId] })
      .expect(200);
    await api.http.post('/api/v1/me/calendar-token').set(as(volunteer)).send().expect(201);
    await api.http
      .put('/api/v1/me/notification-preferences')
      .set(as(volunteer))
      .send({ email: true, inApp: true, digest: 'weekly' })
      .expect(200);
    const [notification]: { id: string }[] = await api.db.query(
      `INSERT INTO notifications (outbox_id, user_id, type, title, body, in_app)
       VALUES ($1, $2, 'signup.confirmed', 'Confirmed', 'Your place is confirmed.', true) RETURNING id`,
      [randomUUID(), volunteer.id],
    );
    await api.db.query(
      `INSERT INTO notification_deliveries (notification_id, channel, status) VALUES ($1, 'email', 'pending')`,
      [notification!.id],
    );
    await api.db.query(
      `INSERT INTO user_phones (user_id, number, verified_at) VALUES ($1, '+447700900123', now())`,
      [volunteer.id],
    );
    await api.db.transaction((manager) => recordAccountToken(manager, volunteer.id, 'password_reset'));

    await api.http.delete('/api/v1/me').set(as(volunteer)).send({ password: volunteer.password }).expect(204);

    // Identity: the row stays, anonymised; sessions, links and the phone are gone.
    const [user] = await api.db.query(
      `SELECT email, display_name, password_hash, deleted_at FROM users WHERE id = $1`,
      [volunteer.id],
    );
    expect(user).toEqual({
      email: `deleted-${volunteer.id}@deleted.invalid`,
      display_name: 'Deleted user',
      password_hash: null,
      deleted_at: expect.any(Date),
    });
    const id = [volunteer.id];
    expect(
      await count(`SELECT count(*)::int FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`, id),
    ).toBe(0);
    expect(await count(`SELECT count(*)::int FROM refresh_tokens WHERE user_id = $1`, id)).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*)::int FROM account_tokens WHERE user_id = $1 AND used_at IS NULL`, id),
    ).toBe(0);
    expect(await count(`SELECT count(*)::int FROM account_tokens WHERE user_id = $1`, id)).toBe(1);
    expect(await count(`SELECT count(*)::int FROM user_phones WHERE user_id = $1`, id)).toBe(0);

    // Volunteering: the future place is withdrawn and goes to the waitlist; the started one stays;
    // the profile and the calendar link are gone; the clearance is the organisation's record.
    const signups: { id: string; status: string }[] = await api.db.query(
      `SELECT id, status FROM signups WHERE id = ANY($1) ORDER BY id`,
      [[held.body.id, queued.body.id, past.body.id]],
    );
    expect(Object.fromEntries(signups.map((row) => [row.id, row.status]))).toEqual({
      [held.body.id]: 'withdrawn',
      [queued.body.id]: 'confirmed',
      [past.body.id]: 'confirmed',
    });
    expect(await count(`SELECT count(*)::int FROM volunteer_profiles WHERE user_id = $1`, id)).toBe(0);
    expect(await count(`SELECT count(*)::int FROM calendar_tokens WHERE user_id = $1`, id)).toBe(0);
    expect(
      await count(`SELECT count(*)::int FROM safeguarding_clearances WHERE id = $1 AND volunteer_id = $2`, [
        clearance.body.id,
        volunteer.id,
      ]),
    ).toBe(1);

    // Needs: the pledge stays, still counted.
    expect(
      await count(`SELECT count(*)::int FROM pledges WHERE id = $1 AND volunteer_id = $2`, [
        pledge.body.id,
        volunteer.id,
      ]),
    ).toBe(1);

    // Notifications (by trigger): messages, their deliveries and the preferences are gone.
    expect(await count(`SELECT count(*)::int FROM notifications WHERE user_id = $1`, id)).toBe(0);
    expect(
      await count(`SELECT count(*)::int FROM notification_deliveries WHERE notification_id = $1`, [
        notification!.id,
      ]),
    ).toBe(0);
    expect(await count(`SELECT count(*)::int FROM notification_preferences WHERE user_id = $1`, id)).toBe(0);
  });

  it('takes coordinators out of their organisation, withdraws invitations to them, closes it with the last', async () => {
    const { owner, organizationId } = await registerOrganization(api, admin);
    const member = await register(api, 'coordinator');
    const invitee = await register(api, 'coordinator');
    for (const account of [member, invitee]) {
      await api.http
        .post(`/api/v1/organizations/${organizationId}/invitations`)
        .set(bearer(owner))
        .send({ email: account.email })
        .expect(202);
    }
    const invitations = await api.http.get('/api/v1/me/invitations').set(bearer(member)).expect(200);
    await api.http
      .post(`/api/v1/me/invitations/${invitations.body.items[0].id}/accept`)
      .set(bearer(member))
      .expect(200);

    // A sole owner with another member is refused, and nothing changes.
    await api.http.delete('/api/v1/me').set(bearer(owner)).send({ password: owner.password }).expect(409);
    expect(
      await count(`SELECT count(*)::int FROM users WHERE id = $1 AND deleted_at IS NULL`, [owner.id]),
    ).toBe(1);

    for (const account of [member, invitee]) {
      await api.http
        .delete('/api/v1/me')
        .set(bearer(account))
        .send({ password: account.password })
        .expect(204);
    }
    expect(
      await count(`SELECT count(*)::int FROM organization_members WHERE user_id = $1`, [member.id]),
    ).toBe(0);
    expect(await count(`SELECT count(*)::int FROM organization_members WHERE user_id = $1`, [owner.id])).toBe(
      1,
    );
    const [invitation] = await api.db.query(
      `SELECT status FROM organization_invitations WHERE invitee_id = $1`,
      [invitee.id],
    );
    expect(invitation).toEqual({ status: 'withdrawn' });

    // Now the only member: their deletion closes the organisation, which stays as a record.
    await api.http.delete('/api/v1/me').set(bearer(owner)).send({ password: owner.password }).expect(204);
    expect(await count(`SELECT count(*)::int FROM organization_members WHERE user_id = $1`, [owner.id])).toBe(
      0,
    );
    const [organization] = await api.db.query(`SELECT status FROM organizations WHERE id = $1`, [
      organizationId,
    ]);
    expect(organization).toEqual({ status: 'closed' });
  });
});
