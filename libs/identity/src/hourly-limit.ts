import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CommonErrors, DomainError } from '@haven/core';

/** Keys that would name a person (an e-mail address, a phone number, a network address) are hashed. */
export const hashKey = (value: string) => createHash('sha256').update(value).digest('hex');

/** A Redis-backed counter of `points` per hour under `keyPrefix`. */
export function hourlyLimiter(redis: Redis, keyPrefix: string, points: number): RateLimiterRedis {
  return new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: 3600 });
}

/**
 * Counts one request: 429 with Retry-After past the limit; without its counters the limit cannot
 * hold, so a clean 503 rather than an unlimited flood of e-mail or SMS.
 */
export async function consumeHourly(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      throw CommonErrors.tooManyRequests(rejection.msBeforeNext / 1000);
    throw new DomainError(
      'unavailable',
      503,
      'This is briefly unavailable; try again in a minute.',
      undefined,
      {
        'Retry-After': '30',
      },
    );
  }
}
