import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import {
  AppConfig,
  AuditModule,
  DatabaseModule,
  HavenConfigModule,
  HavenLoggerModule,
  JobName,
  JobProducer,
  QueueModule,
  QueueName,
  RedisModule,
} from '@haven/core';
import { IdentityModule } from '@haven/identity';
import { NotificationsModule, SmsInboundService } from '@haven/notifications';
import { OrganizationsModule } from '@haven/organizations';
import { checkJobCoverage } from './job-handlers';
import { WorkerLiveness } from './liveness';
import { OutboxRelayLoop } from './outbox-relay.loop';
import { NotificationsProcessor } from './processors/notifications.processor';
import { SystemProcessor } from './processors/system.processor';
import { Retention } from './retention';

const PROCESSORS = [
  { processor: SystemProcessor, queue: QueueName.System },
  { processor: NotificationsProcessor, queue: QueueName.Notifications },
];

export const HEARTBEAT_EVERY_MS = 60_000;
export const REMINDERS_SWEEP_EVERY_MS = 30 * 60_000;
/** Texts held through quiet hours go out within a minute of their end. */
export const SMS_RELEASE_EVERY_MS = 60_000;
/** Every day at 06:00 UTC. */
export const REVIEWS_DUE_CRON = '0 6 * * *';
/** Every day at 06:30 UTC. */
export const CLEARANCE_EXPIRY_CRON = '30 6 * * *';
/** Digests: daily at 07:00 UTC, weekly on Mondays at 07:00 UTC. */
export const DAILY_DIGEST_CRON = '0 7 * * *';
export const WEEKLY_DIGEST_CRON = '0 7 * * 1';
/** Retention: every day at 03:00 UTC. */
export const RETENTION_CRON = '0 3 * * *';

@Injectable()
class WorkerBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(JobProducer) private readonly jobs: JobProducer,
    private readonly smsInbound: SmsInboundService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    checkJobCoverage(PROCESSORS);
    // Replies (STOP) and delivery receipts come in over the worker's SMPP session.
    this.smsInbound.start();
    // One scheduler for all worker processes: upserting the same id is idempotent.
    const every = (ms: number) => ({ every: ms });
    const daily = (pattern: string) => ({ pattern, tz: 'UTC' });
    const kept = { removeOnComplete: 100, removeOnFail: 100 };
    const keptFailed = { removeOnComplete: 100, removeOnFail: 500 };
    await this.jobs.schedule(JobName.SmsRelease, 'sms-release', every(SMS_RELEASE_EVERY_MS), {}, kept);
    await this.jobs.schedule(
      JobName.Heartbeat,
      'worker-heartbeat',
      every(HEARTBEAT_EVERY_MS),
      { requestedAt: new Date().toISOString() },
      kept,
    );
    await this.jobs.schedule(
      JobName.ReviewsDue,
      'organizations-reviews-due',
      daily(REVIEWS_DUE_CRON),
      {},
      keptFailed,
    );
    await this.jobs.schedule(
      JobName.ClearanceExpiryWarnings,
      'safeguarding-expiry-warnings',
      daily(CLEARANCE_EXPIRY_CRON),
      {},
      keptFailed,
    );
    await this.jobs.schedule(JobName.Retention, 'privacy-retention', daily(RETENTION_CRON), {}, keptFailed);
    await this.jobs.schedule(
      JobName.RemindersSweep,
      'reminders-sweep',
      every(REMINDERS_SWEEP_EVERY_MS),
      {},
      kept,
    );
    for (const [frequency, pattern] of [
      ['daily', DAILY_DIGEST_CRON],
      ['weekly', WEEKLY_DIGEST_CRON],
    ] as const) {
      await this.jobs.schedule(
        JobName.Digest,
        `digest-${frequency}`,
        daily(pattern),
        { frequency },
        keptFailed,
      );
    }
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        HavenConfigModule.forRoot(config),
        HavenLoggerModule.forRoot('worker'),
        DatabaseModule,
        RedisModule,
        AuditModule,
        QueueModule.forRoot('worker'),
        IdentityModule,
        OrganizationsModule,
        NotificationsModule,
      ],
      providers: [
        ...PROCESSORS.map(({ processor }) => processor),
        WorkerBootstrap,
        OutboxRelayLoop,
        WorkerLiveness,
        Retention,
      ],
    };
  }
}
