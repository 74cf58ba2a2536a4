import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Job, JobSchedulerTemplateOptions, JobsOptions, Queue, RepeatOptions } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads } from './job-catalogue';

const DEFAULT_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

/**
 * The one way to enqueue, schedule, look up or remove a job: typed by job name (its payload type
 * comes from the catalogue), routed to its queue by the catalogue.
 */
@Injectable()
export class JobProducer {
  constructor(private readonly modules: ModuleRef) {}

  /** The queue a job runs on, for inspection (counts, the admin board, tests); add through the methods below. */
  queueFor(name: JobName): Queue {
    return this.modules.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: JobsOptions = {},
  ): Promise<string> {
    const job = await this.queueFor(name).add(name, payload, { ...DEFAULT_OPTIONS, ...options });
    return job.id ?? '';
  }

  /** Many jobs of one name in one round trip to Redis. */
  async enqueueBulk<N extends JobName>(
    name: N,
    jobs: { payload: JobPayloads[N]; options?: JobsOptions }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.queueFor(name).addBulk(
      jobs.map((job) => ({ name, data: job.payload, opts: { ...DEFAULT_OPTIONS, ...job.options } })),
    );
  }

  /** A repeating job; upserting the same scheduler id again is idempotent (one scheduler for all workers). */
  async schedule<N extends JobName>(
    name: N,
    schedulerId: string,
    repeat: Omit<RepeatOptions, 'key'>,
    payload: JobPayloads[N],
    options: JobSchedulerTemplateOptions = {},
  ): Promise<void> {
    await this.queueFor(name).upsertJobScheduler(schedulerId, repeat, { name, data: payload, opts: options });
  }

  async find<N extends JobName>(name: N, jobId: string): Promise<Job<JobPayloads[N]> | undefined> {
    const job = (await this.queueFor(name).getJob(jobId)) as Job<JobPayloads[N]> | undefined;
    return job?.name === name ? job : undefined;
  }

  /** Removes a waiting or delayed job; one that is running or gone is left as it is. */
  async remove(name: JobName, jobId: string): Promise<void> {
    await this.queueFor(name).remove(jobId);
  }
}
