import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEvent, TransactionService } from '@haven/core';
import { hasVerifiedPhone, phoneContact } from '@haven/identity';
import { taskAhead, taskFacts } from '@haven/needs';
import { signupFacts } from '@haven/volunteering';
import { Facts, loadFacts } from '../templates/facts';
import { isLocale, Locale, renderSms } from '../templates/render';
import { holdUntil, QuietHours } from './quiet-hours';
import { SmsChannel } from './sms.channel';

/** Attempts for a held text released by the sweep before it stays `failed`. */
export const HELD_SMS_ATTEMPTS = 8;

/** Phone numbers and operator messages never enter the delivery record's error. */
const redactNumbers = (message: string) => message.replace(/\+?\d[\d\s-]{6,}\d/g, '[number]').slice(0, 500);

/**
 * The SMS leg of a delivery: planned in the transaction that writes the notification (only for
 * events that go by SMS, to volunteers with a verified phone and texts switched on, held during
 * their quiet hours), then sent like e-mail: the row is locked while sending and never sent again
 * once `sent`; a failure is recorded and retried, and stays `failed` on the last attempt.
 */
@Injectable()
export class SmsDelivery {
  constructor(
    private readonly transactions: TransactionService,
    private readonly channel: SmsChannel,
  ) {}

  async plan(
    manager: EntityManager,
    eventType: string,
    facts: Facts,
    userId: string,
    preferences: { sms?: boolean; quietFrom?: string | null; quietTo?: string | null },
    notificationId: string,
    locale: Locale,
  ): Promise<boolean> {
    if (!this.channel.enabled || !preferences.sms) return false;
    const text = renderSms(eventType, facts, locale);
    if (!text) return false;
    if (!(await hasVerifiedPhone(manager, userId, { volunteerOnly: true }))) return false;
    const quiet: QuietHours | null =
      preferences.quietFrom && preferences.quietTo
        ? { from: preferences.quietFrom, to: preferences.quietTo }
        : null;
    const timezone = facts.task?.timezone ?? facts.need?.timezone ?? 'UTC';
    const hold = holdUntil(quiet, timezone, new Date(), facts.task?.startsAt ?? null);
    await manager.query(
      `INSERT INTO notification_deliveries (notification_id, channel, status, hold_until) VALUES ($1, 'sms', 'pending', $2)
       ON CONFLICT DO NOTHING`,
      [notificationId, hold],
    );
    return true;
  }

  /** Sends a planned text unless it is held or sent; the text is rendered again from fresh facts. */
  send(notificationId: string, lastAttempt: boolean): Promise<'sent' | 'skipped' | 'failed'> {
    return this.transactions.run(async (manager) => {
      const [delivery] = await manager.query(
        `SELECT status, hold_until > now() AS held FROM notification_deliveries
          WHERE notification_id = $1 AND channel = 'sms' FOR UPDATE`,
        [notificationId],
      );
      if (!delivery || delivery.status !== 'pending' || delivery.held) return 'skipped';
      const message = await this.message(manager, notificationId);
      if (!message) {
        // The phone was removed, texts switched off (a STOP) or the reminder withdrawn since: the
        // text is no longer wanted, which is no failure for admins to chase.
        await manager.query(
          `DELETE FROM notification_deliveries WHERE notification_id = $1 AND channel = 'sms'`,
          [notificationId],
        );
        return 'skipped';
      }
      try {
        const sent = await this.channel.send({ ...message, id: notificationId });
        await manager.query(
          `UPDATE notification_deliveries SET attempts = attempts + 1, status = 'sent', sent_at = now(), last_error = NULL,
                  provider_id = $2, updated_at = now()
            WHERE notification_id = $1 AND channel = 'sms'`,
          [notificationId, sent.providerIds.join(' ') || null],
        );
        return 'sent';
      } catch (error) {
        await manager.query(
          `UPDATE notification_deliveries SET attempts = attempts + 1, last_error = $2, status = $3, updated_at = now()
            WHERE notification_id = $1 AND channel = 'sms'`,
          [
            notificationId,
            redactNumbers(String((error as Error).message)),
            lastAttempt ? 'failed' : 'pending',
          ],
        );
        return 'failed';
      }
    });
  }

  /** Texts held through quiet hours whose hold has ended, sent now; returns how many went. */
  async releaseHeld(limit = 200): Promise<number> {
    const due: { notification_id: string; attempts: number }[] = await this.transactions.run((manager) =>
      manager.query(
        `SELECT notification_id, attempts FROM notification_deliveries
          WHERE channel = 'sms' AND status = 'pending' AND hold_until IS NOT NULL AND hold_until <= now()
          ORDER BY hold_until LIMIT $1`,
        [limit],
      ),
    );
    let sent = 0;
    for (const row of due) {
      if ((await this.send(row.notification_id, row.attempts + 1 >= HELD_SMS_ATTEMPTS)) === 'sent') sent += 1;
    }
    return sent;
  }

  private async message(
    manager: EntityManager,
    notificationId: string,
  ): Promise<{ to: string; text: string } | null> {
    const [row] = await manager.query(
      `SELECT n.type, n.user_id, o.payload
         FROM notifications n
         JOIN outbox o ON o.id = n.outbox_id
         JOIN notification_preferences np ON np.user_id = n.user_id AND np.sms
        WHERE n.id = $1`,
      [notificationId],
    );
    if (!row) return null;
    const phone = await phoneContact(manager, row.user_id);
    if (!phone) return null;
    if (row.type === OutboxEvent.SignupReminder) {
      // A reminder held through the night must not reach someone who withdrew meanwhile.
      const signup = (await signupFacts(manager, [row.payload.signupId])).get(row.payload.signupId);
      const task = signup && (await taskFacts(manager, [signup.taskId])).get(signup.taskId);
      if (signup?.status !== 'confirmed' || !taskAhead(task)) return null;
    }
    const text = renderSms(
      row.type,
      await loadFacts(manager, row.payload),
      isLocale(phone.locale) ? phone.locale : 'en',
    );
    return text ? { to: phone.number, text } : null;
  }
}
