import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CommonErrors, DomainError, InjectRedis } from '@haven/core';

/** Password-reset requests per address, and per e-mail address asked about, in an hour. */
export const RESET_REQUESTS_PER_ADDRESS = 10;
export const RESET_REQUESTS_PER_ACCOUNT = 3;
/** New verification links an account may ask for in an hour. */
export const VERIFICATION_RESENDS_PER_ACCOUNT = 3;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Limits on requests that send account e-mail, so Haven cannot be used to flood someone's inbox.
 * The reset limit per account counts the e-mail address as typed (hashed), whether or not an
 * account holds it, so a 429 tells nothing about who has an account.
 */
@Injectable()
export class AccountMailLimiter {
  private readonly resetByAddress: RateLimiterRedis;
  private readonly resetByAccount: RateLimiterRedis;
  private readonly resends: RateLimiterRedis;

  constructor(@InjectRedis() redis: Redis) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `account-mail:${keyPrefix}`,
        points,
        duration: 3600,
      });
    this.resetByAddress = limiter('reset-address', RESET_REQUESTS_PER_ADDRESS);
    this.resetByAccount = limiter('reset-account', RESET_REQUESTS_PER_ACCOUNT);
    this.resends = limiter('verify-resend', VERIFICATION_RESENDS_PER_ACCOUNT);
  }

  async passwordReset(email: string, address: string): Promise<void> {
    await consume(this.resetByAddress, hash(address));
    await consume(this.resetByAccount, hash(email.trim().toLowerCase()));
  }

  verificationResend(userId: string): Promise<void> {
    return consume(this.resends, userId);
  }
}

async function consume(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      throw CommonErrors.tooManyRequests(rejection.msBeforeNext / 1000);
    // Without its counters the limit cannot hold: a clean 503 rather than unlimited e-mail.
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
