import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CommonErrors, DomainError, InjectRedis } from '@haven/core';

/** Codes a number may be sent, and an account may ask for, in an hour (SMS cost money and wake people). */
export const PHONE_CODES_PER_NUMBER = 3;
export const PHONE_CODES_PER_ACCOUNT = 5;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class PhoneLimiter {
  private readonly byNumber: RateLimiterRedis;
  private readonly byAccount: RateLimiterRedis;

  constructor(@InjectRedis() redis: Redis) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `phone-code:${keyPrefix}`,
        points,
        duration: 3600,
      });
    this.byNumber = limiter('number', PHONE_CODES_PER_NUMBER);
    this.byAccount = limiter('account', PHONE_CODES_PER_ACCOUNT);
  }

  /** Counts one code for the account and for the number (hashed: Redis never holds the number). */
  async codeRequested(userId: string, number: string): Promise<void> {
    await consume(this.byAccount, userId);
    await consume(this.byNumber, hash(number));
  }
}

async function consume(limiter: RateLimiterRedis, key: string): Promise<void> {
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
