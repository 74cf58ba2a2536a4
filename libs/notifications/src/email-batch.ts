import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionService } from '@haven/core';
import { EmailChannel, Recipient } from './email.channel';
import { RenderedEmail } from './templates/render';

/** How long a claimed e-mail delivery is left to its sender before another run may send it. */
export const CLAIM_SECONDS = 30;

export interface EmailTarget {
  notificationId: string;
  to: Recipient;
  message: RenderedEmail;
}

/** Mail servers quote the address they refused; the error we keep must not. */
const redactAddresses = (message: string) =>
  message.replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]').slice(0, 500);

interface Mark {
  id: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Records e-mails as `sent` the moment the SMTP server accepted them, many per statement: a mark
 * waits only for the statement in flight, and everything accepted meanwhile goes in the next one
 * (group commit). The window in which a dying worker leaves an accepted e-mail unmarked, to be
 * sent again, is one such statement.
 */
@Injectable()
export class SentMarks {
  private queue: Mark[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly transactions: TransactionService) {}

  mark(id: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const marks = this.queue.splice(0, 5_000);
      try {
        await this.transactions.run((manager) =>
          manager.query(
            `UPDATE notification_deliveries
                SET attempts = attempts + 1, status = 'sent', sent_at = now(), last_error = NULL,
                    claimed_until = NULL, updated_at = now()
              WHERE channel = 'email' AND notification_id = ANY($1::uuid[])`,
            [marks.map((mark) => mark.id)],
          ),
        );
        for (const mark of marks) mark.resolve();
      } catch (error) {
        for (const mark of marks) mark.reject(error);
      }
    }
    this.draining = null;
  }
}

/**
 * Sends a batch's e-mails outside any database lock: each pending delivery is first claimed (a
 * committed `claimed_until`), then sent over the channel's connection pool, all at once, and marked
 * `sent` as the server accepts it. A delivery already sent is skipped; one claimed by another run
 * is waited for, then sent if that run died before marking it. A failure is recorded (`failed`
 * on the job's last attempt) and its claim released.
 */
@Injectable()
export class EmailBatch {
  constructor(
    private readonly transactions: TransactionService,
    private readonly email: EmailChannel,
    private readonly marks: SentMarks,
  ) {}

  async send(targets: EmailTarget[], lastAttempt: boolean): Promise<{ sent: number; failed: number }> {
    let remaining = new Map(targets.map((target) => [target.notificationId, target]));
    const totals = { sent: 0, failed: 0 };
    const deadline = Date.now() + (CLAIM_SECONDS + 5) * 1000;
    while (remaining.size > 0) {
      const { mine, busy } = await this.claim([...remaining.keys()]);
      const outcome = await this.sendClaimed(
        mine.map((id) => remaining.get(id)!),
        lastAttempt,
      );
      totals.sent += outcome.sent;
      totals.failed += outcome.failed;
      remaining = new Map(busy.map((id) => [id, remaining.get(id)!]));
      // Claimed by another run: it sends them, or its claim runs out and this run does.
      if (remaining.size > 0) {
        if (Date.now() > deadline) throw new Error(`${remaining.size} e-mail deliveries stay claimed`);
        await sleep(1_000);
      }
    }
    return totals;
  }

  private async claim(ids: string[]): Promise<{ mine: string[]; busy: string[] }> {
    const rows: { notification_id: string; mine: boolean }[] = await this.transactions.run((manager) =>
      manager.query(
        `WITH claimed AS (
           UPDATE notification_deliveries SET claimed_until = now() + make_interval(secs => $2)
            WHERE channel = 'email' AND notification_id = ANY($1::uuid[]) AND status <> 'sent'
              AND (claimed_until IS NULL OR claimed_until <= now())
           RETURNING notification_id)
         SELECT d.notification_id, c.notification_id IS NOT NULL AS mine
           FROM notification_deliveries d LEFT JOIN claimed c ON c.notification_id = d.notification_id
          WHERE d.channel = 'email' AND d.notification_id = ANY($1::uuid[]) AND d.status <> 'sent'`,
        [ids, CLAIM_SECONDS],
      ),
    );
    return {
      mine: rows.filter((row) => row.mine).map((row) => row.notification_id),
      busy: rows.filter((row) => !row.mine).map((row) => row.notification_id),
    };
  }

  private async sendClaimed(
    targets: EmailTarget[],
    lastAttempt: boolean,
  ): Promise<{ sent: number; failed: number }> {
    const failures: { id: string; error: string }[] = [];
    let markError: unknown = null;
    await Promise.all(
      targets.map(async (target) => {
        try {
          await this.email.send(target.to, target.message, target.notificationId);
        } catch (error) {
          failures.push({
            id: target.notificationId,
            error: redactAddresses(String((error as Error).message)),
          });
          return;
        }
        // Marked as soon as accepted; this message waits for its mark, the others go on.
        await this.marks.mark(target.notificationId).catch((error: unknown) => {
          markError = error;
        });
      }),
    );
    if (failures.length > 0) {
      await this.transactions.run((manager) =>
        manager.query(
          `UPDATE notification_deliveries d
              SET attempts = d.attempts + 1, last_error = f.error, status = $3, claimed_until = NULL,
                  updated_at = now()
             FROM unnest($1::uuid[], $2::text[]) AS f (id, error)
            WHERE d.notification_id = f.id AND d.channel = 'email'`,
          [
            failures.map((failure) => failure.id),
            failures.map((failure) => failure.error),
            lastAttempt ? 'failed' : 'pending',
          ],
        ),
      );
    }
    // Unmarked, the job fails and its next run sends them again: at least once, never lost.
    if (markError) throw markError;
    return { sent: targets.length - failures.length, failed: failures.length };
  }
}
