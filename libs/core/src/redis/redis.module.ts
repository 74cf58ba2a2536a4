import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/**
 * Redis for request-time work (rate limits, health). Commands fail fast instead of queueing while
 * Redis is away, so a request never hangs on it.
 */
export function createRedis(config: AppConfig, options: { keyPrefix?: string; name?: string } = {}): Redis {
  return new Redis(config.REDIS_URL, {
    keyPrefix: options.keyPrefix,
    connectionName: options.name,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    enableOfflineQueue: true,
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        createRedis(config, { keyPrefix: `${config.REDIS_PREFIX}:`, name: 'haven' }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
