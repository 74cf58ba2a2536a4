import { Injectable } from '@nestjs/common';
import { OutboxEvent, OutboxWriter, stableId, TransactionService } from '@haven/core';
import { activeVolunteerSql } from '@haven/identity';
import { MatchingService } from '@haven/volunteering';

const PERIOD_MS = { daily: 24 * 3_600_000, weekly: 7 * 24 * 3_600_000 };
export const DIGEST_SIZE = 10;

/**
 * Sends each volunteer who asked for a digest the new tasks that fit their profile since their last
 * one, ranked by the same matching as their recommendations. One outbox row per volunteer and
 * period (a stable id), so a digest job that runs twice sends one digest.
 */
@Injectable()
export class DigestsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly matching: MatchingService,
    private readonly outbox: OutboxWriter,
  ) {}

  async send(frequency: 'daily' | 'weekly', now = new Date()): Promise<number> {
    const subscribers: { user_id: string; last_digest_at: Date | null }[] = await this.transactions.run(
      (manager) =>
        manager.query(
          `SELECT p.user_id, p.last_digest_at FROM notification_preferences p
          WHERE p.digest = $1 AND ${activeVolunteerSql('p.user_id')}`,
          [frequency],
        ),
    );
    const period = Math.floor(now.getTime() / PERIOD_MS[frequency]);
    let sent = 0;
    for (const subscriber of subscribers) {
      const since = subscriber.last_digest_at ?? new Date(now.getTime() - PERIOD_MS[frequency]);
      const fits = await this.matching.recommend(
        { id: subscriber.user_id, role: 'volunteer' },
        DIGEST_SIZE,
        since,
      );
      await this.transactions.run(async (manager) => {
        if (fits.items.length > 0) {
          await this.outbox.write(manager, {
            id: stableId(`digest:${frequency}:${subscriber.user_id}:${period}`),
            type: OutboxEvent.Digest,
            recipientIds: [subscriber.user_id],
            payload: { taskIds: fits.items.map((task) => task.id), frequency },
          });
          sent += 1;
        }
        await manager.query('UPDATE notification_preferences SET last_digest_at = $2 WHERE user_id = $1', [
          subscriber.user_id,
          now,
        ]);
      });
    }
    return sent;
  }
}
