import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { InjectRedis } from '@haven/core';
import { consumeHourly, hashKey, hourlyLimiter } from '../hourly-limit';

/** Codes a number may be sent, and an account may ask for, in an hour (SMS cost money and wake people). */
export const PHONE_CODES_PER_NUMBER = 3;
export const PHONE_CODES_PER_ACCOUNT = 5;

@Injectable()
export class PhoneLimiter {
  private readonly byNumber: RateLimiterRedis;
  private readonly byAccount: RateLimiterRedis;

  constructor(@InjectRedis() redis: Redis) {
    this.byNumber = hourlyLimiter(redis, 'phone-code:number', PHONE_CODES_PER_NUMBER);
    this.byAccount = hourlyLimiter(redis, 'phone-code:account', PHONE_CODES_PER_ACCOUNT);
  }

  /** Counts one code for the account and for the number (hashed: Redis never holds the number). */
  async codeRequested(userId: string, number: string): Promise<void> {
    await consumeHourly(this.byAccount, userId);
    await consumeHourly(this.byNumber, hashKey(number));
  }
}
