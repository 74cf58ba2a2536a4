import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, JobName, JobProducer, REDIS, WORKER_HEARTBEAT_KEY } from '@haven/core';
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
});
