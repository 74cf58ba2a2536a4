import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import { JobName, JobProducer } from '@haven/core';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { register, registerAdmin, registerOrganization, startTestApi, TestApi } from './support/test-api';

/**
 * Retention (DESIGN.md, Privacy; issue 17): the worker's daily job warns accounts unused for the
 * period less 30 days, anonymises those past the period whose warning is 30 days old, and deletes
 * notifications and delivery errors older than 90 days. The clock is controlled by setting the
 * timestamps in the database.
 */
describe('retention (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let events: QueueEvents;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(api.config), { logger: false });
    await worker.init();
    const queue = worker.get(JobProducer).queueFor(JobName.Retention);
    events = new QueueEvents(queue.name, { connection: queue.opts.connection, prefix: queue.opts.prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events.close();
    await worker.close();
    await api.close();
  });

  async function runRetention() {
    const producer = worker.get(JobProducer);
    const id = await producer.enqueue(JobName.Retention, {});
    const job = await producer.queueFor(JobName.Retention).getJob(id);
    return job!.waitUntilFinished(events, 30_000);
  }
  /** Moves an account's last activity and warning into the past. */
  const age = (userId: string, inactiveDays: number, warnedDaysAgo: number | null) =>
    api.db.query(
      `UPDATE users SET last_active_at = now() - make_interval(days => $2),
                        inactivity_warned_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END
        WHERE id = $1`,
      [userId, inactiveDays, warnedDaysAgo],
    );
  const account = async (userId: string) =>
    (
      await api.db.query(
        `SELECT email, display_name, deleted_at, inactivity_warned_at, password_hash FROM users WHERE id = $1`,
        [userId],
      )
    )[0];
  const warnings = async (userId: string) =>
    (
      await api.db.query(
        `SELECT payload FROM outbox WHERE event_type = 'account.inactive' AND $1 = ANY (recipient_ids)`,
        [userId],
      )
    ).map((row: { payload: { deleteOn: string } }) => row.payload.deleteOn);

  it('warns, then anonymises, unused accounts; deletes old notifications and delivery errors', async () => {
    const admin = await registerAdmin(api);
    const active = await register(api);
    const nearlyDue = await register(api); // 701 days: inside the warning window
    const dueUnwarned = await register(api); // 800 days, never warned: warned now, kept for 30 days
    const dueWarnedLately = await register(api); // 800 days, warned 10 days ago: kept
    const due = await register(api); // 800 days, warned 31 days ago: anonymised
    const { owner: soleOwner } = await registerOrganization(api, admin); // due, but owns an organisation
    await age(nearlyDue.id, 701, null);
    await age(dueUnwarned.id, 800, null);
    await age(dueWarnedLately.id, 800, 10);
    await age(due.id, 800, 31);
    await age(soleOwner.id, 800, 31);
    await age(admin.id, 800, null);

    // Two notifications of the active volunteer, one 91 days old with a failed delivery, one 89.
    const [old, recent] = [91, 89].map(() => randomUUID());
    for (const [id, days] of [
      [old, 91],
      [recent, 89],
    ] as const) {
      await api.db.query(
        `INSERT INTO notifications (id, outbox_id, user_id, type, title, body, in_app, created_at)
         VALUES ($1, $2, $3, 'signup.confirmed', 'Confirmed', 'Your place is confirmed.', true,
                 now() - make_interval(days => $4))`,
        [id, randomUUID(), active.id, days],
      );
      await api.db.query(
        `INSERT INTO notification_deliveries (notification_id, channel, status, attempts, last_error, updated_at)
         VALUES ($1, 'email', 'failed', 5, 'mailbox unavailable', now() - make_interval(days => $2))`,
        [id, days],
      );
    }

    const result = await runRetention();
    expect(result).toEqual({
      warned: 2,
      anonymised: 1,
      kept: 1,
      deleted: { notifications: 1, deliveryErrors: 1 },
    });

    // Warned once, with the day of deletion; the recently active and the admin are not.
    expect(await warnings(nearlyDue.id)).toHaveLength(1);
    expect(await warnings(dueUnwarned.id)).toHaveLength(1);
    const deleteOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect((await warnings(dueUnwarned.id))[0]).toBe(deleteOn);
    for (const person of [active, dueWarnedLately, admin, due, soleOwner]) {
      expect(await warnings(person.id)).toEqual([]);
    }
    // Anonymised: nothing identifies them, and the old password no longer signs in.
    const gone = await account(due.id);
    expect(gone).toEqual(
      expect.objectContaining({ email: `deleted-${due.id}@deleted.invalid`, display_name: 'Deleted user' }),
    );
    expect(gone.deleted_at).not.toBeNull();
    expect(gone.password_hash).toBeNull();
    await api.http.post('/api/v1/auth/login').send({ email: due.email, password: due.password }).expect(401);
    for (const person of [active, nearlyDue, dueUnwarned, dueWarnedLately, soleOwner, admin]) {
      expect((await account(person.id)).deleted_at).toBeNull();
    }

    // The old notification and its delivery are gone; the recent one keeps its delivery error.
    const notifications = await api.db.query(`SELECT id FROM notifications WHERE user_id = $1`, [active.id]);
    expect(notifications.map((row: { id: string }) => row.id)).toEqual([recent]);
    const [delivery] = await api.db.query(
      `SELECT last_error FROM notification_deliveries WHERE notification_id = $1`,
      [recent],
    );
    expect(delivery.last_error).toBe('mailbox unavailable');

    // A second run the same day changes nothing and warns nobody twice.
    expect(await runRetention()).toEqual({
      warned: 0,
      anonymised: 0,
      kept: 1,
      deleted: { notifications: 0, deliveryErrors: 0 },
    });
  });

  it('clears a delivery error 90 days old on a notification still kept, and a sign-in voids a warning', async () => {
    const volunteer = await register(api);
    const id = randomUUID();
    await api.db.query(
      `INSERT INTO notifications (id, outbox_id, user_id, type, title, body, in_app, created_at)
       VALUES ($1, $2, $3, 'signup.confirmed', 'Confirmed', 'Your place is confirmed.', true, now() - interval '10 days')`,
      [id, randomUUID(), volunteer.id],
    );
    await api.db.query(
      `INSERT INTO notification_deliveries (notification_id, channel, status, attempts, last_error, updated_at)
       VALUES ($1, 'email', 'failed', 5, 'mailbox unavailable', now() - interval '91 days')`,
      [id],
    );
    await age(volunteer.id, 800, 31);
    // The owner signs in just in time: the account is in use again.
    await api.http
      .post('/api/v1/auth/login')
      .send({ email: volunteer.email, password: volunteer.password })
      .expect(200);
    expect((await account(volunteer.id)).inactivity_warned_at).toBeNull();

    const result = (await runRetention()) as { anonymised: number; deleted: { deliveryErrors: number } };
    expect(result.anonymised).toBe(0);
    expect(result.deleted.deliveryErrors).toBe(1);
    expect((await account(volunteer.id)).deleted_at).toBeNull();
    const [delivery] = await api.db.query(
      `SELECT last_error FROM notification_deliveries WHERE notification_id = $1`,
      [id],
    );
    expect(delivery.last_error).toBeNull();
  });
});
