import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionService } from '@haven/core';
import { EmailChannel, Recipient } from './email.channel';
import { RenderedEmail } from './templates/render';

/** How long a claimed e-mail delivery is left to its sender before another run may send it. */
export const CLAIM_SECONDS = 30;
/**
 * E-mails handed to the transport and not yet marked, per process: four times its connections, so
 * none idles while marks commit (16 measured 0.29–0.49 of bare nodemailer, 32 measured 0.57–0.60).
 * It bounds what a killed worker leaves accepted but unmarked, to be sent again.
 */
export const SENDS_IN_FLIGHT = 32;
/** E-mails claimed in one statement, just before they are sent. */
const CLAIM_CHUNK = 8;

/** Counts free sending slots; `take(n)` waits, first come first served, until n are free at once. */
class Slots {
  private waiting: { count: number; resolve: () => void }[] = [];
  constructor(private free: number) {}

  take(count: number): Promise<void> {
    if (this.waiting.length === 0 && this.free >= count) {
      this.free -= count;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ count, resolve }));
  }

  give(): void {
    this.free += 1;
    while (this.waiting.length > 0 && this.free >= this.waiting[0].count) {
      const next = this.waiting.shift()!;
      this.free -= next.count;
      next.resolve();
    }
  }
}

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
        await this.transactions.read((manager) =>
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
 * Sends a batch's e-mails outside any database lock. A few at a time, as sending slots free up,
 * pending deliveries are claimed (a committed `claimed_until`, one statement per chunk) and handed
 * to the channel's connection pool, so a claim is never older than a few messages' sending time;
 * each is marked `sent` as the server accepts it. A delivery already sent is skipped; one claimed
 * by another run is waited for, then sent if that run died before marking it. A failure is
 * recorded (`failed` on the job's last attempt) and its claim released.
 */
@Injectable()
export class EmailBatch {
  private readonly slots = new Slots(SENDS_IN_FLIGHT);

  constructor(
    private readonly transactions: TransactionService,
    private readonly email: EmailChannel,
    private readonly marks: SentMarks,
  ) {}

  async send(targets: EmailTarget[], lastAttempt: boolean): Promise<{ sent: number; failed: number }> {
    const totals = { sent: 0, failed: 0 };
    let remaining = targets;
    const deadline = Date.now() + (CLAIM_SECONDS + 5) * 1000;
    while (remaining.length > 0) {
      const busy: EmailTarget[] = [];
      const chunks: Promise<void>[] = [];
      let failure: unknown = null;
      for (let start = 0; start < remaining.length; start += CLAIM_CHUNK) {
        const chunk = remaining.slice(start, start + CLAIM_CHUNK);
        await this.slots.take(chunk.length);
        chunks.push(
          this.sendChunk(chunk, lastAttempt).then(
            (outcome) => {
              totals.sent += outcome.sent;
              totals.failed += outcome.failed;
              busy.push(...outcome.busy);
            },
            (error: unknown) => {
              failure ??= error;
            },
          ),
        );
      }
      // Every chunk settles (its slots given back) before a failure is thrown.
      await Promise.all(chunks);
      if (failure) throw failure;
      remaining = busy;
      // Claimed by another run: it sends them, or its claim runs out and this run does.
      if (remaining.length > 0) {
        if (Date.now() > deadline) throw new Error(`${remaining.length} e-mail deliveries stay claimed`);
        await sleep(1_000);
      }
    }
    return totals;
  }

  /** Sends one claimed chunk; holds one slot per target, each given back once its send is settled. */
  private async sendChunk(
    chunk: EmailTarget[],
    lastAttempt: boolean,
  ): Promise<{ sent: number; failed: number; busy: EmailTarget[] }> {
    let mine: Map<string, boolean>;
    try {
      mine = await this.claim(chunk.map((target) => target.notificationId));
    } catch (error) {
      for (let index = 0; index < chunk.length; index++) this.slots.give();
      throw error;
    }
    const claimed = chunk.filter((target) => mine.get(target.notificationId) === true);
    for (let index = claimed.length; index < chunk.length; index++) this.slots.give();
    const outcome = await this.sendClaimed(claimed, lastAttempt);
    return { ...outcome, busy: chunk.filter((target) => mine.get(target.notificationId) === false) };
  }

  /** Claims what is neither sent nor claimed: true for claimed now, false for claimed by another run. */
  private async claim(ids: string[]): Promise<Map<string, boolean>> {
    const claimed: { notification_id: string }[] = await this.transactions.read((manager) =>
      manager.query(
        // In a WITH: TypeORM answers a bare UPDATE with [rows, count], not the rows.
        `WITH claimed AS (
           UPDATE notification_deliveries SET claimed_until = now() + make_interval(secs => $2)
            WHERE channel = 'email' AND notification_id = ANY($1::uuid[]) AND status <> 'sent'
              AND (claimed_until IS NULL OR claimed_until <= now())
           RETURNING notification_id)
         SELECT notification_id FROM claimed`,
        [ids, CLAIM_SECONDS],
      ),
    );
    const mine = new Map(claimed.map((row) => [row.notification_id, true]));
    // The usual case, one statement: every one was claimed now. Otherwise those left are sent
    // (skipped) or claimed by another run (waited for); one that changed in between is waited for.
    if (mine.size === ids.length) return mine;
    const unsent: { notification_id: string }[] = await this.transactions.read((manager) =>
      manager.query(
        `SELECT notification_id FROM notification_deliveries
          WHERE channel = 'email' AND notification_id = ANY($1::uuid[]) AND status <> 'sent'`,
        [ids.filter((id) => !mine.has(id))],
      ),
    );
    for (const row of unsent) mine.set(row.notification_id, false);
    return mine;
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
          this.slots.give();
          return;
        }
        // Marked as soon as accepted. The slot is held until the mark commits, so the e-mails a
        // dying worker leaves accepted but unmarked (sent again by the next run) are at most
        // SENDS_IN_FLIGHT.
        await this.marks
          .mark(target.notificationId)
          .catch((error: unknown) => {
            markError = error;
          })
          .finally(() => this.slots.give());
      }),
    );
    if (failures.length > 0) {
      await this.transactions.read((manager) =>
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
