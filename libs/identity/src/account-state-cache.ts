import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
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

/** How long a change waits for every process to say it dropped the account (one stuck or gone). */
const ACK_TIMEOUT_MS = 500;

/**
 * The caller's account state held in each API process for a few seconds, so that an authenticated
 * request does not read the users table every time. Every change that matters to a request
 * (suspension, reinstatement, deletion, e-mail verification) is announced on a Redis channel by
 * `changed()`, and every process drops the account and says so on a second channel; `changed()`
 * returns once every process that heard it has said so (or after ACK_TIMEOUT_MS), and it is awaited
 * before the change's own answer goes out: a suspension bites on the very next request, on any
 * process. (Redis's PUBLISH answered once the message was on its way, not read: a request that
 * reached another process in the same instant could still see the old state.)
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
  private readonly ackChannel: string;
  /** Changes announced by this process, waiting for the processes that heard them to say so. */
  private readonly awaiting = new Map<string, () => void>();
  private subscriber: Redis | null = null;
  private publisher: Redis | null = null;
  private subscribed = false;
  private epoch = 0;

  constructor(private readonly config: AppConfig) {
    this.channel = `${config.REDIS_PREFIX}:account-changed`;
    this.ackChannel = `${config.REDIS_PREFIX}:account-dropped`;
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
    // A process that has not heard from Redis yet (a worker's first change) cannot hear the answers.
    this.subscribe();
    const listening = this.subscribed;
    const publisher = (this.publisher ??= this.connect('haven-account-publisher'));
    const id = randomUUID();
    let acknowledged = 0;
    let expected = Infinity;
    let done!: () => void;
    const allDropped = new Promise<void>((resolve) => (done = resolve));
    this.awaiting.set(id, () => ++acknowledged >= expected && done());
    try {
      expected = await publisher.publish(this.channel, `${id} ${userId}`);
      if (!listening || acknowledged >= expected) return;
      let timer!: NodeJS.Timeout;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ACK_TIMEOUT_MS)));
      await Promise.race([allDropped, late]);
      clearTimeout(timer);
      if (acknowledged < expected) {
        this.logger.warn(
          `${expected - acknowledged} of ${expected} processes did not confirm an account change`,
        );
      }
    } catch (error) {
      // Processes that cannot hear this cannot hear anything: they hold nothing (see above).
      this.logger.warn(`Account change not announced, Redis unavailable: ${(error as Error).message}`);
    } finally {
      this.awaiting.delete(id);
    }
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
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.ackChannel) return this.awaiting.get(message)?.();
      const [id, userId] = message.includes(' ') ? message.split(' ') : [undefined, message];
      this.forget(userId);
      if (!id) return; // announced by an earlier version, which waits for no answer
      this.publisher ??= this.connect('haven-account-publisher');
      void this.publisher.publish(this.ackChannel, id).catch(() => undefined);
    });
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel, this.ackChannel).then(
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
