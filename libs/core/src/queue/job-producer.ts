import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads } from './job-catalogue';

/** The one way to enqueue a job: typed by job name, routed to its queue by the catalogue. */
@Injectable()
export class JobProducer {
  constructor(private readonly modules: ModuleRef) {}

  queueFor(name: JobName): Queue {
    return this.modules.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: JobsOptions = {},
  ): Promise<string> {
    const job = await this.queueFor(name).add(name, payload, {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
      ...options,
    });
    return job.id ?? '';
  }
}
