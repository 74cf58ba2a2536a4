import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { CommonErrors, DomainError, InjectRedis } from '@haven/core';

/** Failed sign-ins allowed per account in one window, whatever address they come from. */
export const LOGIN_FAILURES_ALLOWED = 10;
export const LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * The per-account limit on failed logins, always on and separate from the per-address limit: it
 * stops a password-guessing run spread over many addresses. Counters live in Redis so every API
 * process sees the same count; keys hold a hash of the e-mail, never the e-mail.
 */
@Injectable()
export class LoginLimiter {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async assertNotBlocked(email: string): Promise<void> {
    const key = this.key(email);
    // Fails closed: without its counters the limit cannot hold, so sign-in waits for Redis (a clean
    // 503); access tokens already issued keep working meanwhile.
    const [failures, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]).catch(() => {
      throw new DomainError(
        'unavailable',
        503,
        'Signing in is briefly unavailable; try again in a minute.',
        undefined,
        {
          'Retry-After': '30',
        },
      );
    });
    if (Number(failures ?? 0) >= LOGIN_FAILURES_ALLOWED) {
      throw CommonErrors.tooManyRequests(ttl > 0 ? ttl / 1000 : LOGIN_FAILURE_WINDOW_SECONDS);
    }
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    await this.redis.multi().incr(key).expire(key, LOGIN_FAILURE_WINDOW_SECONDS, 'NX').exec();
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key(email));
  }

  private key(email: string): string {
    return `login-failures:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
  }
}
