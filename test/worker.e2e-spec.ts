import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, JobName, JobProducer, REDIS, WORKER_HEARTBEAT_KEY } from '@haven/core';
import { IdentityHttpModule } from '@haven/identity';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';

describe('worker (e2e)', () => {
  let config: AppConfig;
  let worker: INestApplicationContext;
  let events: QueueEvents;

  beforeAll(async () => {
    config = await createTestConfig();
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    worker.enableShutdownHooks();
    await worker.init();
    const queue = worker.get(JobProducer).queueFor(JobName.Heartbeat);
    events = new QueueEvents(queue.name, { connection: queue.opts.connection, prefix: queue.opts.prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events.close();
    await worker.close();
    await dropTestResources(config);
  });

  it('consumes a job from its queue and records the heartbeat', async () => {
    const producer = worker.get(JobProducer);
    const queue = producer.queueFor(JobName.Heartbeat);
    const id = await producer.enqueue(JobName.Heartbeat, { requestedAt: new Date().toISOString() });
    const job = await queue.getJob(id);
    const result = await job!.waitUntilFinished(events, 15_000);
    expect(new Date(result.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const redis = worker.get<Redis>(REDIS);
    expect(await redis.get(WORKER_HEARTBEAT_KEY)).toEqual(expect.any(String));
  });

  it('boots only what it runs: no sign-in strategies', () => {
    expect(() => worker.get(IdentityHttpModule)).toThrow(/IdentityHttpModule/);
  });

  it('schedules its recurring jobs once, however many workers start', async () => {
    const second = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: false,
    });
    await second.init();
    await second.close();
    const queue = worker.get(JobProducer).queueFor(JobName.Heartbeat);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual([
      'organizations-reviews-due',
      'privacy-retention',
      'safeguarding-expiry-warnings',
      'worker-heartbeat',
    ]);
  });

  it('reminds admins of organisations due for re-vetting, through the outbox', async () => {
    const db = worker.get(DataSource);
    const [admin] = await db.query(
      `INSERT INTO users (email, display_name, role) VALUES ('admin.due@example.org', 'Admin', 'admin') RETURNING id`,
    );
    const organizations = await db.query(
      `INSERT INTO organizations (name, country, registration_number, contact_email, description, focus_areas, status, review_by)
       VALUES ('Due (fictional)', 'JO', 'R-1', 'a@example.org', 'd', '{education}', 'approved', CURRENT_DATE - 1),
              ('Not due (fictional)', 'JO', 'R-2', 'b@example.org', 'd', '{education}', 'approved', CURRENT_DATE + 30)
       RETURNING id`,
    );
    const producer = worker.get(JobProducer);
    const id = await producer.enqueue(JobName.ReviewsDue, {});
    const job = await producer.queueFor(JobName.ReviewsDue).getJob(id);
    expect(await job!.waitUntilFinished(events, 15_000)).toEqual({ due: 1 });
    const [row] = await db.query(
      `SELECT recipient_ids, payload FROM outbox WHERE event_type = 'organization.review_due'`,
    );
    expect(row.recipient_ids).toEqual([admin.id]);
    expect(row.payload).toEqual({ organizationIds: [organizations[0].id], count: 1 });
  });

  it('warns once of each live clearance ending within 30 days, through the outbox', async () => {
    const db = worker.get(DataSource);
    const [organization] = await db.query(
      `INSERT INTO organizations (name, country, registration_number, contact_email, description, focus_areas, status)
       VALUES ('Clearing (fictional)', 'JO', 'R-3', 'c@example.org', 'd', '{education}', 'approved') RETURNING id`,
    );
    const [coordinator, ending, renewed, later] = await db.query(
      `INSERT INTO users (email, display_name, role) VALUES
         ('coordinator.expiry@example.org', 'Coordinator', 'coordinator'),
         ('ending.expiry@example.org', 'Ending', 'volunteer'),
         ('renewed.expiry@example.org', 'Renewed', 'volunteer'),
         ('later.expiry@example.org', 'Later', 'volunteer')
       RETURNING id`,
    );
    await db.query(
      `INSERT INTO organization_members (user_id, organization_id, member_role) VALUES ($1, $2, 'owner')`,
      [coordinator.id, organization.id],
    );
    const clearances: { id: string }[] = await db.query(
      `INSERT INTO safeguarding_clearances (organization_id, volunteer_id, valid_until, revoked_at, revocation_reason)
       VALUES ($1, $2, current_date + 10, NULL, NULL),
              ($1, $3, current_date + 5, NULL, NULL),
              ($1, $3, current_date + 400, NULL, NULL),
              ($1, $4, current_date + 3, now(), 'Withdrawn'),
              ($1, $4, current_date - 1, NULL, NULL),
              ($1, $4, current_date + 31, NULL, NULL)
       RETURNING id`,
      [organization.id, ending.id, renewed.id, later.id],
    );
    const producer = worker.get(JobProducer);
    const run = async () => {
      const id = await producer.enqueue(JobName.ClearanceExpiryWarnings, {});
      const job = await producer.queueFor(JobName.ClearanceExpiryWarnings).getJob(id);
      return job!.waitUntilFinished(events, 15_000);
    };
    const warned = async () =>
      (await db.query(
        `SELECT recipient_ids, payload FROM outbox WHERE event_type = 'safeguarding.expiring' ORDER BY created_at`,
      )) as { recipient_ids: string[]; payload: { clearanceId: string } }[];

    // Only the +10 one: +5 is outlasted by a renewal, revoked and lapsed ones are never warned of,
    // and +31 is not in the window yet.
    expect(await run()).toEqual({ warned: 1 });
    expect(await run()).toEqual({ warned: 0 });
    await db.query(`UPDATE safeguarding_clearances SET valid_until = current_date + 30 WHERE id = $1`, [
      clearances[5].id,
    ]);
    expect(await run()).toEqual({ warned: 1 });
    expect(await run()).toEqual({ warned: 0 });
    const rows = await warned();
    expect(rows.map((row) => row.payload.clearanceId)).toEqual([clearances[0].id, clearances[5].id]);
    expect(rows[0].recipient_ids.sort()).toEqual([ending.id, coordinator.id].sort());
    expect(rows[0].payload).toEqual(expect.objectContaining({ organizationId: organization.id }));

    // A job that runs again after its claim was lost (say, a crash between the two) still writes one row.
    await db.query(`UPDATE safeguarding_clearances SET expiry_warned_at = NULL WHERE id = $1`, [
      clearances[0].id,
    ]);
    expect(await run()).toEqual({ warned: 1 });
    expect(await warned()).toHaveLength(2);
  });
});
