import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import type Redis from 'ioredis';
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

  it('schedules its own heartbeat once, however many workers start', async () => {
    const queue = worker.get(JobProducer).queueFor(JobName.Heartbeat);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key)).toEqual(['worker-heartbeat']);
  });
});
