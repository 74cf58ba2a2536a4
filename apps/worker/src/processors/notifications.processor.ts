import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName, withoutRequestContent } from '@haven/core';
import { DeliveryService, DigestsService, RemindersService, SmsDelivery } from '@haven/notifications';
import { JobHandlers } from '../job-handlers';

/** Delivers outbox rows as notifications, fires reminders and sends digests: one service call each. */
// A short lock and stall check: a crashed worker's deliveries are retried within seconds, not a minute.
@Processor(QueueName.Notifications, { concurrency: 16, lockDuration: 10_000, stalledInterval: 5_000 })
export class NotificationsProcessor extends WorkerHost {
  static readonly handles = [
    JobName.Deliver,
    JobName.Reminder,
    JobName.RemindersSweep,
    JobName.Digest,
    JobName.SmsRelease,
  ] as const;

  private readonly handlers: JobHandlers<(typeof NotificationsProcessor.handles)[number]> = {
    [JobName.Deliver]: (job) =>
      this.delivery.deliverBatch(job.data.outboxIds, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
    [JobName.Reminder]: async (job) => ({
      sent: await this.reminders.fire(job.data.signupId, job.data.startsAt),
    }),
    [JobName.RemindersSweep]: async () => ({ scheduled: await this.reminders.sweep() }),
    [JobName.Digest]: async (job) => ({ sent: await this.digests.send(job.data.frequency) }),
    [JobName.SmsRelease]: async () => ({ sent: await this.sms.releaseHeld() }),
  };

  constructor(
    private readonly delivery: DeliveryService,
    private readonly reminders: RemindersService,
    private readonly digests: DigestsService,
    private readonly sms: SmsDelivery,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers] as
      ((job: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job ${job.name} on ${QueueName.Notifications}`);
    // A failed job's error is kept in Redis: never with a query's parameters in it.
    return handler(job).catch((error: unknown) => {
      throw withoutRequestContent(error);
    });
  }
}
