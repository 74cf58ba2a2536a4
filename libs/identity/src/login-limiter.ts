import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CommonErrors, DomainError, InjectRedis } from '@haven/core';

/** Consecutive wrong passwords for one account from one address before that pair is blocked. */
export const LOGIN_FAILURES_ALLOWED = 10;
/** The first block of a pair; each further block within a day lasts twice as long, up to a day. */
export const FIRST_BLOCK_SECONDS = 15 * 60;
export const LONGEST_BLOCK_SECONDS = 24 * 3600;
/** Wrong passwords from one address over all accounts in an hour (camps share addresses: loose). */
export const ADDRESS_FAILURES_PER_HOUR = 100;
/** Wrong passwords for one account, from addresses it never signed in from, in an hour. */
export const ACCOUNT_FAILURES_PER_HOUR = 50;
/** Past that ceiling the account is slowed, not locked: one try per this many seconds. */
export const ACCOUNT_SLOW_SECONDS = 30;
/** How long an address where the person signed in stays exempt from the account's ceiling. */
export const KNOWN_ADDRESS_SECONDS = 30 * 86_400;

const DAY = 24 * 3600;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/** One reserved attempt; settle it with `succeeded` when the password was right. */
export interface LoginAttempt {
  pair: string;
  address: string;
  account: string;
  accountCounted: boolean;
}

/**
 * Limits password guessing (logins, and every route that asks for the current password) following
 * OWASP's authentication guidance, so that a stranger cannot lock a person out:
 * - per account *and* address: 10 consecutive failures block that pair for 15 minutes, doubling
 *   with each block in a day; the owner signing in from their own address is not affected;
 * - per address: a loose ceiling over all accounts, against one machine spraying many accounts;
 * - per account: a ceiling over addresses the person never signed in from, which then *slows*
 *   (one try per 30 s) rather than locks, against a guessing run spread over many addresses.
 * Every attempt reserves its points atomically (rate-limiter-flexible's Lua script in Redis) before
 * the password is checked, so parallel attempts cannot slip past the count; a right password hands
 * them back. Keys hold hashes of the e-mail and the address, never either.
 */
@Injectable()
export class LoginLimiter {
  private readonly pairs: RateLimiterRedis;
  private readonly pairBlocks: RateLimiterRedis;
  private readonly addresses: RateLimiterRedis;
  private readonly accounts: RateLimiterRedis;
  private readonly slowAccounts: RateLimiterRedis;

  constructor(@InjectRedis() private readonly redis: Redis) {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `login-failures:${keyPrefix}`,
        points,
        duration,
      });
    this.pairs = limiter('pair', LOGIN_FAILURES_ALLOWED, DAY);
    this.pairBlocks = limiter('pair-blocks', 1_000, DAY);
    this.addresses = limiter('address', ADDRESS_FAILURES_PER_HOUR, 3600);
    this.accounts = limiter('account', ACCOUNT_FAILURES_PER_HOUR, 3600);
    this.slowAccounts = limiter('account-slow', 1, ACCOUNT_SLOW_SECONDS);
  }

  /** Reserves one attempt for `email` from `address`, or throws 429 with Retry-After. */
  async reserve(email: string, address: string): Promise<LoginAttempt> {
    const account = hash(email.trim().toLowerCase());
    const attempt: LoginAttempt = {
      account,
      address: hash(address),
      pair: `${account}:${hash(address)}`,
      accountCounted: false,
    };
    await this.failClosed(async () => {
      await this.consumeOrBlock(attempt);
      await this.consume(this.addresses, attempt.address, () => this.pairs.reward(attempt.pair));
      if (await this.redis.exists(this.knownKey(attempt))) return;
      attempt.accountCounted = true;
      const overCeiling = await this.accounts.consume(account).then(
        () => false,
        (rejection: unknown) => {
          if (rejection instanceof RateLimiterRes) return true;
          throw rejection;
        },
      );
      if (overCeiling) {
        await this.consume(this.slowAccounts, account, async () => {
          await this.pairs.reward(attempt.pair);
          await this.addresses.reward(attempt.address);
        });
      }
    });
    return attempt;
  }

  /** The password was right: the pair's count starts again and the address becomes known. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.failClosed(async () => {
      await Promise.all([
        this.pairs.delete(attempt.pair),
        this.pairBlocks.delete(attempt.pair),
        this.addresses.reward(attempt.address),
        attempt.accountCounted ? this.accounts.reward(attempt.account) : undefined,
        this.redis.set(this.knownKey(attempt), '1', 'EX', KNOWN_ADDRESS_SECONDS),
      ]);
    });
  }

  /** The pair's own count; the attempt that first goes over it sets a block that grows each time. */
  private async consumeOrBlock(attempt: LoginAttempt): Promise<void> {
    try {
      await this.pairs.consume(attempt.pair);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      if (rejection.consumedPoints !== LOGIN_FAILURES_ALLOWED + 1) {
        // Racing the attempt that sets the block, the key may still carry its day-long window.
        const blocks = (await this.pairBlocks.get(attempt.pair))?.consumedPoints ?? 1;
        throw CommonErrors.tooManyRequests(Math.min(rejection.msBeforeNext / 1000, blockSeconds(blocks)));
      }
      const { consumedPoints: blocks } = await this.pairBlocks.penalty(attempt.pair, 1);
      const seconds = blockSeconds(blocks);
      await this.pairs.block(attempt.pair, seconds);
      throw CommonErrors.tooManyRequests(seconds);
    }
  }

  private async consume(limiter: RateLimiterRedis, key: string, refund: () => Promise<unknown>) {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      await refund();
      throw tooMany(rejection.msBeforeNext);
    }
  }

  /**
   * Fails closed: without its counters the limit cannot hold, so signing in waits for Redis (a clean
   * 503); access tokens already issued keep working meanwhile.
   */
  private async failClosed(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError(
        'unavailable',
        503,
        'Signing in is briefly unavailable; try again in a minute.',
        undefined,
        { 'Retry-After': '30' },
      );
    }
  }

  private knownKey(attempt: LoginAttempt): string {
    return `login-known:${attempt.pair}`;
  }
}

/** The nth block of a pair in a day: 15 minutes, doubling, at most a day. */
const blockSeconds = (blocks: number) =>
  Math.min(FIRST_BLOCK_SECONDS * 2 ** Math.max(0, blocks - 1), LONGEST_BLOCK_SECONDS);

const tooMany = (msBeforeNext: number) => CommonErrors.tooManyRequests(msBeforeNext / 1000);
