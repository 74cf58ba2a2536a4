import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ACCOUNT_EVENTS, OutboxEvent, TransactionService } from '@haven/core';
import { AccountMailService } from './account-mail.service';
import { EmailChannel } from './email.channel';
import {
  DEFAULT_PREFERENCES,
  NotificationPreferencesEntity,
} from './entities/notification-preferences.entity';
import { PhoneCodeSender } from './sms/phone-code.sender';
import { SmsDelivery } from './sms/sms-delivery';
import { Facts, loadFacts } from './templates/facts';
import { isLocale, Locale, render, SMS_EVENTS, toEmail } from './templates/render';

interface OutboxRow {
  id: string;
  event_type: string;
  recipient_ids: string[];
  payload: Record<string, unknown>;
}

interface RecipientRow {
  id: string;
  email: string;
  display_name: string;
  locale: string;
}

/** A reminder delayed in the outbox (Redis away, retries) must not reach someone who withdrew since. */
async function stillRelevant(manager: EntityManager, row: OutboxRow): Promise<boolean> {
  if (row.event_type !== OutboxEvent.SignupReminder) return true;
  const [live] = await manager.query(
    `SELECT 1 FROM signups s JOIN tasks t ON t.id = s.task_id
      WHERE s.id = $1 AND s.status = 'confirmed' AND t.status = 'open' AND t.starts_at > now()`,
    [row.payload.signupId],
  );
  return Boolean(live);
}

/** Mail servers quote the address they refused; the error we keep must not. */
const redactAddresses = (message: string) =>
  message.replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]').slice(0, 500);

export class DeliveryFailed extends Error {
  constructor(readonly failures: number) {
    super(`${failures} e-mail deliveries failed; they are retried`);
    this.name = 'DeliveryFailed';
  }
}

/**
 * Turns one outbox row into a notification per recipient and sends each by e-mail once. Both steps
 * are idempotent, so the job may run any number of times: the notification is unique per (outbox
 * row, user), and a delivery row per (notification, channel) is locked while sending and never sent
 * again once `sent`. One window remains at the SMTP boundary: a worker that dies after the server
 * accepted a message but before `sent` committed sends it again, with the same Message-ID (the
 * notification's id), so mail systems can drop the repeat. A failed send is recorded and retried with the job; on the job's
 * last attempt it stays `failed`, visible to admins.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly email: EmailChannel,
    private readonly accountMail: AccountMailService,
    private readonly sms: SmsDelivery,
    private readonly phoneCodes: PhoneCodeSender,
  ) {}

  async deliver(outboxId: string, lastAttempt: boolean): Promise<{ recipients: number; emailed: number }> {
    const prepared = await this.transactions.run(async (manager) => {
      const [row]: OutboxRow[] = await manager.query(
        'SELECT id, event_type, recipient_ids, payload FROM outbox WHERE id = $1',
        [outboxId],
      );
      if (!row || !(await stillRelevant(manager, row))) return null;
      if (
        ACCOUNT_EVENTS.includes(row.event_type as OutboxEvent) ||
        row.event_type === OutboxEvent.AccountPhoneCode
      )
        return { row, facts: null };
      const facts = await loadFacts(manager, row.payload);
      render(row.event_type, facts); // an unknown event fails here, before anyone is written to
      return { row, facts };
    });
    if (!prepared) return { recipients: 0, emailed: 0 };
    if (prepared.row.event_type === OutboxEvent.AccountPhoneCode)
      return this.phoneCodes.deliver(prepared.row.payload);
    if (!prepared.facts) return this.accountMail.deliver(prepared.row.payload);
    const facts = prepared.facts;
    let emailed = 0;
    let failures = 0;
    for (const recipientId of prepared.row.recipient_ids) {
      const outcome = await this.deliverTo(prepared.row, facts, recipientId, lastAttempt);
      if (outcome === 'sent') emailed += 1;
      if (outcome === 'failed') failures += 1;
    }
    // Thrown on the last attempt too, so the job itself ends failed and stays visible in the queue.
    if (failures > 0) throw new DeliveryFailed(failures);
    return { recipients: prepared.row.recipient_ids.length, emailed };
  }

  private async deliverTo(
    row: OutboxRow,
    facts: Facts,
    recipientId: string,
    lastAttempt: boolean,
  ): Promise<'sent' | 'skipped' | 'failed'> {
    const target = await this.transactions.run(async (manager) => {
      const [user]: RecipientRow[] = await manager.query(
        'SELECT id, email, display_name, locale FROM users WHERE id = $1 AND deleted_at IS NULL',
        [recipientId],
      );
      if (!user) return null;
      // Each recipient reads the message in their own language.
      const locale: Locale = isLocale(user.locale) ? user.locale : 'en';
      const message = render(row.event_type, facts, locale);
      const preferences =
        (await manager.findOneBy(NotificationPreferencesEntity, { userId: user.id })) ?? DEFAULT_PREFERENCES;
      const notificationId = await this.notificationFor(manager, row, user.id, message, preferences.inApp);
      if (preferences.email) {
        await manager.query(
          `INSERT INTO notification_deliveries (notification_id, channel, status) VALUES ($1, 'email', 'pending')
           ON CONFLICT DO NOTHING`,
          [notificationId],
        );
      }
      const sms = await this.sms.plan(
        manager,
        row.event_type,
        facts,
        user.id,
        preferences,
        notificationId,
        locale,
      );
      return { user, notificationId, email: preferences.email, message, locale, sms };
    });
    if (!target) return 'skipped';
    // An event that goes by SMS looks for its text even when none was planned this time: one planned
    // by an earlier attempt is sent, or closed with its reason, never left pending.
    const texted =
      target.sms || SMS_EVENTS.includes(row.event_type)
        ? await this.sms.send(target.notificationId, lastAttempt)
        : 'skipped';
    if (!target.email) return texted === 'failed' ? 'failed' : 'skipped';
    const emailed = await this.transactions.run(async (manager) => {
      // The row lock makes a concurrent run of the same job wait, then see `sent`.
      const [delivery] = await manager.query(
        `SELECT status FROM notification_deliveries WHERE notification_id = $1 AND channel = 'email' FOR UPDATE`,
        [target.notificationId],
      );
      if (delivery.status === 'sent') return 'skipped';
      try {
        await this.email.send(
          { email: target.user.email, displayName: target.user.display_name },
          toEmail(target.message, target.user.display_name, target.locale),
          target.notificationId,
        );
      } catch (error) {
        await manager.query(
          `UPDATE notification_deliveries SET attempts = attempts + 1, last_error = $2, status = $3, updated_at = now()
            WHERE notification_id = $1 AND channel = 'email'`,
          [
            target.notificationId,
            redactAddresses(String((error as Error).message)),
            lastAttempt ? 'failed' : 'pending',
          ],
        );
        return 'failed';
      }
      await manager.query(
        `UPDATE notification_deliveries SET attempts = attempts + 1, status = 'sent', sent_at = now(), last_error = NULL,
                updated_at = now()
          WHERE notification_id = $1 AND channel = 'email'`,
        [target.notificationId],
      );
      return 'sent';
    });
    return texted === 'failed' ? 'failed' : emailed;
  }

  private async notificationFor(
    manager: EntityManager,
    row: OutboxRow,
    userId: string,
    message: { title: string; body: string },
    inApp: boolean,
  ): Promise<string> {
    const [inserted] = await manager.query(
      `INSERT INTO notifications (outbox_id, user_id, type, title, body, in_app) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (outbox_id, user_id) DO NOTHING RETURNING id`,
      [row.id, userId, row.event_type, message.title, message.body, inApp],
    );
    if (inserted) return inserted.id;
    const [existing] = await manager.query(
      'SELECT id FROM notifications WHERE outbox_id = $1 AND user_id = $2',
      [row.id, userId],
    );
    return existing.id;
  }
}
