import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, createRedis, Role } from '@haven/core';

/** What every authenticated request needs to know about its caller's account. */
export interface AccountState {
  role: Role;
  status: string;
  deleted: boolean;
  verified: boolean;
}

/** How long a process trusts an account's state without hearing of a change. */
const TTL_MS = 5_000;

/**
 * The caller's account state held in each API process for a few seconds, so that an authenticated
 * request does not read the users table every time. Every change that matters to a request
 * (suspension, reinstatement, deletion, e-mail verification) is announced on a Redis channel by
 * `changed()`, awaited before the change's own answer goes out, and every process drops the
 * account at once: a suspension still bites on the very next request, on any process.
 *
 * The cache is used only while this process is subscribed: while Redis is away nothing is held and
 * every request reads PostgreSQL, as without a cache. A read that started before a change was
 * announced is not stored (the epoch check), so it cannot bring back the old state.
 */
@Injectable()
export class AccountStateCache implements OnApplicationShutdown {
  private readonly logger = new Logger('AccountStateCache');
  private readonly entries = new Map<string, { state: AccountState | null; expiresAt: number }>();
  private readonly channel: string;
  private subscriber: Redis | null = null;
  private publisher: Redis | null = null;
  private subscribed = false;
  private epoch = 0;

  constructor(private readonly config: AppConfig) {
    this.channel = `${config.REDIS_PREFIX}:account-changed`;
  }

  async get(userId: string, load: () => Promise<AccountState | null>): Promise<AccountState | null> {
    this.subscribe();
    const now = Date.now();
    const entry = this.subscribed ? this.entries.get(userId) : undefined;
    if (entry && entry.expiresAt > now) return entry.state;
    const epoch = this.epoch;
    const state = await load();
    if (this.subscribed && epoch === this.epoch) {
      if (this.entries.size > 100_000) this.entries.clear();
      this.entries.set(userId, { state, expiresAt: now + TTL_MS });
    }
    return state;
  }

  /** Call after the transaction that changed the account committed. */
  async changed(userId: string): Promise<void> {
    this.forget(userId);
    this.publisher ??= this.connect('haven-account-publisher');
    await this.publisher.publish(this.channel, userId).catch((error: Error) => {
      // Processes that cannot hear this cannot hear anything: they hold nothing (see above).
      this.logger.warn(`Account change not announced, Redis unavailable: ${error.message}`);
    });
  }

  private forget(userId: string) {
    this.epoch += 1;
    this.entries.delete(userId);
  }

  private subscribe() {
    if (this.subscriber) return;
    const subscriber = this.connect('haven-account-subscriber');
    this.subscriber = subscriber;
    const stop = () => {
      this.subscribed = false;
      this.epoch += 1;
      this.entries.clear();
    };
    subscriber.on('close', stop);
    subscriber.on('reconnecting', stop);
    subscriber.on('message', (_channel: string, userId: string) => this.forget(userId));
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.entries.clear();
          this.subscribed = true;
        },
        () => stop(),
      );
    });
  }

  private connect(name: string): Redis {
    const redis = createRedis(this.config, { name });
    redis.on('error', () => undefined); // reported by the health check; here it only disables the cache
    return redis;
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscribed = false;
    for (const redis of [this.subscriber, this.publisher]) {
      await redis?.quit().catch(() => redis.disconnect());
    }
  }
}
