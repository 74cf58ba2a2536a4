import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import type Redis from 'ioredis';
import {
  InjectRedis,
  JobName,
  JobPayloads,
  QueueName,
  WORKER_HEARTBEAT_KEY,
  withoutRequestContent,
} from '@haven/core';
import { VettingService } from '@haven/organizations';
import { SafeguardingService } from '@haven/volunteering';
import { JobHandlers } from '../job-handlers';
import { Retention } from '../retention';

/**
 * Housekeeping jobs. The heartbeat proves, end to end, that the worker consumes its queues; the
 * daily reviews-due job reminds admins of organisations due for re-vetting, and the daily
 * expiry-warnings job warns of safeguarding clearances about to end; the daily retention job warns,
 * then anonymises, long-unused accounts and deletes old notifications and delivery errors.
 */
@Processor(QueueName.System)
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);

  static readonly handles = [
    JobName.Heartbeat,
    JobName.ReviewsDue,
    JobName.ClearanceExpiryWarnings,
    JobName.Retention,
  ] as const;

  private readonly handlers: JobHandlers<(typeof SystemProcessor.handles)[number]> = {
    [JobName.Heartbeat]: (job) => this.heartbeat(job.data),
    [JobName.ReviewsDue]: async () => ({ due: await this.vetting.notifyReviewsDue() }),
    [JobName.ClearanceExpiryWarnings]: async () => ({ warned: await this.safeguarding.warnExpiring() }),
    [JobName.Retention]: () => this.retention.run(),
  };

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly vetting: VettingService,
    private readonly safeguarding: SafeguardingService,
    private readonly retention: Retention,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers] as
      ((job: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job ${job.name} on ${QueueName.System}`);
    // A failed job's error is kept in Redis: never with a query's parameters in it.
    return handler(job).catch((error: unknown) => {
      throw withoutRequestContent(error);
    });
  }

  private async heartbeat(payload: JobPayloads[JobName.Heartbeat]): Promise<{ at: string }> {
    const at = new Date().toISOString();
    await this.redis.set(WORKER_HEARTBEAT_KEY, at, 'EX', 600);
    this.logger.debug(`Heartbeat requested at ${payload.requestedAt}`);
    return { at };
  }
}
