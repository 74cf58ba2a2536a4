import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { safeErrorMessage } from '@haven/core';
import { OutboxRelay, RELAY_BATCH } from '@haven/notifications';

export const RELAY_IDLE_MS = 200;
export const RELAY_RETRY_MS = 2_000;

/**
 * Relays the outbox continuously: batch after batch while there is work, a short pause when there
 * is none, a longer one while Redis or PostgreSQL is away. Stops between batches on shutdown.
 */
@Injectable()
export class OutboxRelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    let failing = false;
    while (this.running) {
      try {
        const relayed = await this.relay.relayBatch();
        if (failing) this.logger.log('Relaying again');
        failing = false;
        if (relayed < RELAY_BATCH) await sleep(RELAY_IDLE_MS);
      } catch (error) {
        if (!failing) this.logger.warn(`Outbox relay paused: ${safeErrorMessage(error)}`);
        failing = true;
        await sleep(RELAY_RETRY_MS);
      }
    }
  }
}
