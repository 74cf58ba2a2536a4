import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { InjectRedis } from '@haven/core';
import { consumeHourly, hashKey, hourlyLimiter } from './hourly-limit';

/** Password-reset requests per address, and per e-mail address asked about, in an hour. */
export const RESET_REQUESTS_PER_ADDRESS = 10;
export const RESET_REQUESTS_PER_ACCOUNT = 3;
/** New verification links an account may ask for in an hour. */
export const VERIFICATION_RESENDS_PER_ACCOUNT = 3;

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
    this.resetByAddress = hourlyLimiter(redis, 'account-mail:reset-address', RESET_REQUESTS_PER_ADDRESS);
    this.resetByAccount = hourlyLimiter(redis, 'account-mail:reset-account', RESET_REQUESTS_PER_ACCOUNT);
    this.resends = hourlyLimiter(redis, 'account-mail:verify-resend', VERIFICATION_RESENDS_PER_ACCOUNT);
  }

  async passwordReset(email: string, address: string): Promise<void> {
    await consumeHourly(this.resetByAddress, hashKey(address));
    await consumeHourly(this.resetByAccount, hashKey(email.trim().toLowerCase()));
  }

  verificationResend(userId: string): Promise<void> {
    return consumeHourly(this.resends, userId);
  }
}
