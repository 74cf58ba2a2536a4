import { ExecutionContext, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig, AUTH_ROUTE } from '@haven/core';
import { RateLimitStorage } from './rate-limit-storage';

export { RateLimitStorage };

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
