import { ExecutionContext, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { AppConfig, AUTH_ROUTE, createRedis } from '@haven/core';

/** Rate-limit counters in Redis, so that limits hold across API processes. */
@Injectable()
export class RateLimitStorage extends ThrottlerStorageRedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');

  constructor(config: AppConfig) {
    super(createRedis(config, { keyPrefix: `${config.REDIS_PREFIX}:rate:`, name: 'haven-rate' }));
  }

  /**
   * Fails open while Redis is away: the API keeps serving (state changes only need PostgreSQL, and
   * their notifications wait in the outbox), and the general per-address limit resumes with Redis.
   * The per-account limit on failed logins is separate and does not fail open.
   */
  override async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ) {
    try {
      return await super.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.logger.warn(`Rate limit not applied, Redis unavailable: ${(error as Error).message}`);
      return { totalHits: 0, timeToExpire: ttl, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Module({ providers: [RateLimitStorage], exports: [RateLimitStorage] })
class RateLimitStorageModule {}

const isAuthRoute = (context: ExecutionContext) =>
  Reflect.getMetadata(AUTH_ROUTE, context.getClass()) === true;

/**
 * Per-address request limits. Routes of an @AuthRateLimit() controller get a tenth of the general
 * limit (DESIGN.md, RATE_LIMIT_PER_IP_PER_MINUTE).
 */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  imports: [RateLimitStorageModule],
  inject: [AppConfig, RateLimitStorage],
  useFactory: (config: AppConfig, storage: RateLimitStorage) => {
    const perMinute = config.RATE_LIMIT_PER_IP_PER_MINUTE;
    return {
      throttlers: [
        {
          name: 'default',
          ttl: 60_000,
          limit: (context: ExecutionContext) =>
            isAuthRoute(context) ? Math.max(1, Math.floor(perMinute / 10)) : perMinute,
        },
      ],
      storage,
    };
  },
});
