import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QueueName } from './job-catalogue';
import { JobProducer } from './job-producer';

/**
 * BullMQ on Redis. Producers (the API) fail fast when Redis is away, so a request is not held
 * hostage by it; workers retry forever (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
@Module({})
export class QueueModule {
  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const url = new URL(config.REDIS_URL);
            return {
              prefix: `${config.REDIS_PREFIX}:bull`,
              connection: {
                host: url.hostname,
                port: Number(url.port || 6379),
                username: url.username || undefined,
                password: url.password ? decodeURIComponent(url.password) : undefined,
                db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
                tls: url.protocol === 'rediss:' ? {} : undefined,
                ...(role === 'worker'
                  ? { maxRetriesPerRequest: null }
                  : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 }),
              },
            };
          },
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
      ],
      providers: [JobProducer],
      exports: [BullModule, JobProducer],
    };
  }
}
