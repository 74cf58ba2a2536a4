import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type Redis from 'ioredis';
import { AppConfig, createRedis } from '@haven/core';

/** How often the counts kept in memory are added to Redis. */
const SYNC_MS = 250;

/**
 * Adds `count` hits to a window and blocks the key once it is over the limit (the script of
 * @nest-lab/throttler-storage-redis, with INCRBY for the hits counted in memory meanwhile).
 */
const SCRIPT = `
local hitKey = KEYS[1]
local blockKey = KEYS[2]
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local blockDuration = tonumber(ARGV[3])
local count = tonumber(ARGV[4])
local totalHits = redis.call('INCRBY', hitKey, count)
local timeToExpire = redis.call('PTTL', hitKey)
if timeToExpire <= 0 then
  redis.call('PEXPIRE', hitKey, ttl)
  timeToExpire = ttl
end
local isBlocked = redis.call('GET', blockKey)
local timeToBlockExpire = 0
if isBlocked then
  timeToBlockExpire = redis.call('PTTL', blockKey)
elseif totalHits > limit then
  redis.call('SET', blockKey, 1, 'PX', blockDuration)
  isBlocked = '1'
  timeToBlockExpire = blockDuration
end
if isBlocked and timeToBlockExpire <= 0 then
  redis.call('DEL', blockKey)
  redis.call('SET', hitKey, count, 'PX', ttl)
  totalHits = count
  timeToExpire = ttl
  isBlocked = false
end
return { totalHits, timeToExpire, isBlocked and 1 or 0, timeToBlockExpire }`;

interface Window {
  /** Hits in Redis when this process last heard, its own included. */
  synced: number;
  /** Hits counted here and not yet added to Redis. */
  unsynced: number;
  /** Hits being added to Redis right now. */
  inFlight: number;
  expiresAt: number;
  blockedUntil: number;
  ttl: number;
  limit: number;
  blockDuration: number;
  hitKey: string;
  blockKey: string;
}

/**
 * Rate-limit counters shared through Redis, so that limits hold across API processes, counted in
 * memory while a key is far from its limit: a request then costs no Redis round trip, and the
 * counts reach Redis every SYNC_MS. Once a key's count (everyone's, as last heard, plus this
 * process's) reaches half its limit, every request goes to Redis at once, as before; so with two
 * API processes no address passes its limit, and with more the overshoot is bounded by what the
 * processes count in one sync interval.
 *
 * Fails open while Redis is away (the API keeps serving; state changes only need PostgreSQL, and
 * their notifications wait in the outbox), counting in memory meanwhile; the per-account limit on
 * failed logins is separate and does not fail open.
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  readonly redis: Redis;
  private readonly logger = new Logger('RateLimit');
  private readonly windows = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;

  constructor(config: AppConfig) {
    this.redis = createRedis(config, { keyPrefix: `${config.REDIS_PREFIX}:rate:`, name: 'haven-rate' });
    this.timer = setInterval(() => void this.sync(), SYNC_MS);
    this.timer.unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const here = this.countHere(key, ttl, limit, blockDuration, throttlerName);
    if (here) return here;
    // Near or over the limit: ask Redis, adding everything counted here.
    const window = this.window(key, ttl, limit, blockDuration, throttlerName, Date.now());
    window.unsynced += 1;
    await this.push(window);
    return record(window, Date.now());
  }

  /**
   * One more hit, counted in this process while the key is far from its limit (see the class);
   * undefined, counting nothing, when Redis must be asked. The rate limit guard counts a cached
   * answer's request through this, without a promise (issue 14).
   */
  countHere(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ThrottlerStorageRecord | undefined {
    const now = Date.now();
    const window = this.window(key, ttl, limit, blockDuration, throttlerName, now);
    const estimate = window.synced + window.unsynced + window.inFlight + 1;
    if (window.blockedUntil > now || estimate * 2 > limit) return undefined;
    window.unsynced += 1;
    return record(window, now);
  }

  /** The key's current window, a new one if it has none or the last is over. */
  private window(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
    now: number,
  ): Window {
    const id = `${key}:${throttlerName}`;
    let window = this.windows.get(id);
    if (!window || (window.expiresAt <= now && window.blockedUntil <= now)) {
      window = {
        synced: 0,
        unsynced: 0,
        inFlight: 0,
        expiresAt: now + ttl,
        blockedUntil: 0,
        ttl,
        limit,
        blockDuration,
        hitKey: `{${id}}:hits`,
        blockKey: `{${id}}:blocked`,
      };
      this.windows.set(id, window);
    }
    return window;
  }

  /** Adds a window's unsynced hits to Redis and takes Redis's answer as the new state. */
  private async push(window: Window): Promise<void> {
    const count = window.unsynced;
    if (count === 0) return;
    window.unsynced = 0;
    window.inFlight += count;
    try {
      const result = (await this.redis.eval(
        SCRIPT,
        2,
        window.hitKey,
        window.blockKey,
        window.ttl,
        window.limit,
        window.blockDuration,
        count,
      )) as [number, number, number, number];
      const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = result;
      const now = Date.now();
      window.synced = totalHits;
      window.expiresAt = now + timeToExpire;
      window.blockedUntil = isBlocked === 1 ? now + timeToBlockExpire : 0;
    } catch (error) {
      // Fail open on Redis: the hits stay counted here only.
      window.synced += count;
      this.logger.warn(`Rate limit not shared, Redis unavailable: ${(error as Error).message}`);
    } finally {
      window.inFlight -= count;
    }
  }

  private async sync(): Promise<void> {
    const now = Date.now();
    const pushes: Promise<void>[] = [];
    for (const [id, window] of this.windows) {
      if (window.unsynced > 0) pushes.push(this.push(window));
      else if (window.inFlight === 0 && window.expiresAt <= now && window.blockedUntil <= now) {
        this.windows.delete(id);
      }
    }
    await Promise.all(pushes);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sync().catch(() => undefined);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function record(window: Window, now: number): ThrottlerStorageRecord {
  const blocked = window.blockedUntil > now;
  return {
    totalHits: window.synced + window.unsynced + window.inFlight,
    timeToExpire: Math.max(0, Math.ceil((window.expiresAt - now) / 1000)),
    isBlocked: blocked,
    timeToBlockExpire: blocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
  };
}
