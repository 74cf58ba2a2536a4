import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import {
  AppConfig,
  DatabaseModule,
  HavenConfigModule,
  HavenLoggerModule,
  JobName,
  JobProducer,
  QueueModule,
  QueueName,
  RedisModule,
} from '@haven/core';
import { checkJobCoverage } from './job-handlers';
import { SystemProcessor } from './processors/system.processor';

const PROCESSORS = [{ processor: SystemProcessor, queue: QueueName.System }];

export const HEARTBEAT_EVERY_MS = 60_000;

@Injectable()
class WorkerBootstrap implements OnApplicationBootstrap {
  constructor(@Inject(JobProducer) private readonly jobs: JobProducer) {}

  async onApplicationBootstrap(): Promise<void> {
    checkJobCoverage(PROCESSORS);
    // One scheduler for all worker processes: upserting the same id is idempotent.
    await this.jobs.queueFor(JobName.Heartbeat).upsertJobScheduler(
      'worker-heartbeat',
      { every: HEARTBEAT_EVERY_MS },
      {
        name: JobName.Heartbeat,
        data: { requestedAt: new Date().toISOString() },
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      },
    );
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        HavenConfigModule.forRoot(config),
        HavenLoggerModule.forRoot(),
        DatabaseModule,
        RedisModule,
        QueueModule.forRoot('worker'),
      ],
      providers: [...PROCESSORS.map(({ processor }) => processor), WorkerBootstrap],
    };
  }
}
