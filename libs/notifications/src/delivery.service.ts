import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ACCOUNT_EVENTS,
  NotificationRow,
  OutboxEvent,
  OutboxRow,
  readOutbox,
  TransactionService,
} from '@haven/core';
import { contactsOf } from '@haven/identity';
import { taskAhead, TaskFact } from '@haven/needs';
import { signupFacts } from '@haven/volunteering';
import { AccountMailService } from './account-mail.service';
import { EmailBatch, EmailTarget } from './email-batch';
import { DEFAULT_PREFERENCES } from './entities/notification-preferences.entity';
import { notificationKey, planEmails, writeNotifications } from './notification-rows';
import { preferencesOf } from './preferences.service';
import { RemindersService } from './reminders.service';
import { PhoneCodeSender } from './sms/phone-code.sender';
import { SmsDelivery } from './sms/sms-delivery';
import { Facts, loadFactsForRows } from './templates/facts';
import { isLocale, Locale, Message, render, SMS_EVENTS, toEmail } from './templates/render';

export interface DeliveryOutcome {
  recipients: number;
  emailed: number;
}

export class DeliveryFailed extends Error {
  constructor(readonly failures: number) {
    super(`${failures} deliveries failed; they are retried`);
    this.name = 'DeliveryFailed';
  }
}

const isAccountRow = (row: OutboxRow): boolean =>
  ACCOUNT_EVENTS.includes(row.type) || row.type === OutboxEvent.AccountPhoneCode;

/**
 * Turns a batch of outbox rows into a notification per recipient and sends each by e-mail once.
 * The job may run any number of times: a notification is unique per (outbox row, user), written
 * with the batch's others in one statement, and so in-app messages are exactly once; a delivery
 * per (notification, channel) is claimed, sent outside any transaction and marked `sent` in a
 * shared batched statement, and never sent again once `sent`. One window remains at the SMTP
 * boundary: a worker that dies after the server accepted a message but before its mark committed
 * sends it again, with the same Message-ID (the notification's id), so mail systems can drop the
 * repeat. A failed send is recorded and retried with the job; on its last attempt it stays
 * `failed`, visible to admins.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly emails: EmailBatch,
    private readonly accountMail: AccountMailService,
    private readonly sms: SmsDelivery,
    private readonly phoneCodes: PhoneCodeSender,
    private readonly reminders: RemindersService,
  ) {}

  /** One outbox row (the batch of one). */
  deliver(outboxId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    return this.deliverBatch([outboxId], lastAttempt);
  }

  async deliverBatch(outboxIds: string[], lastAttempt: boolean): Promise<DeliveryOutcome> {
    const rows = await this.transactions.run((manager) => readOutbox(manager, outboxIds));
    // Reminders follow the events first: they must not wait on, or fail with, anyone's e-mail.
    await this.reminders.follow(rows);
    const outcome: DeliveryOutcome = { recipients: 0, emailed: 0 };
    let firstError: unknown = null;
    for (const row of rows.filter(isAccountRow)) {
      // Each sends in its own transaction; one failing does not hold back the rest of the batch.
      try {
        const sent =
          row.type === OutboxEvent.AccountPhoneCode
            ? await this.phoneCodes.deliver(row.payload)
            : await this.accountMail.deliver(row.payload as { tokenId: string });
        outcome.recipients += sent.recipients;
        outcome.emailed += sent.emailed;
      } catch (error) {
        firstError ??= error;
      }
    }
    const notified = rows.filter((row): row is NotificationRow => !isAccountRow(row));
    const planned = await this.transactions.run((manager) => this.plan(manager, notified));
    let failures = 0;
    // An event that goes by SMS looks for its text even when none was planned this time: one planned
    // by an earlier attempt is sent, or closed with its reason, never left pending.
    for (const notificationId of planned.texts) {
      if ((await this.sms.send(notificationId, lastAttempt)) === 'failed') failures += 1;
    }
    const emailed = await this.emails.send(planned.emails, lastAttempt);
    failures += emailed.failed;
    outcome.recipients += planned.recipients;
    outcome.emailed += emailed.sent;
    if (firstError) throw firstError;
    // Thrown on the last attempt too, so the job itself ends failed and stays visible in the queue.
    if (failures > 0) throw new DeliveryFailed(failures);
    return outcome;
  }

  /**
   * In one transaction: the batch's facts, recipients and preferences (one query each), every
   * message rendered (an unknown event fails here, before anyone is written to), then the
   * notifications and the e-mail deliveries in one statement each, and the texts planned.
   */
  private async plan(
    manager: EntityManager,
    candidates: NotificationRow[],
  ): Promise<{ recipients: number; texts: string[]; emails: EmailTarget[] }> {
    if (candidates.length === 0) return { recipients: 0, texts: [], emails: [] };
    const loaded = await loadFactsForRows(manager, candidates);
    const relevant = await this.stillRelevant(manager, candidates, loaded.tasks);
    const rows = candidates.filter((_, index) => relevant[index]);
    const factsOf = new Map(candidates.map((row, index) => [row.id, loaded.facts[index]]));
    const userIds = [...new Set(rows.flatMap((row) => row.recipientIds))];
    const contacts = await contactsOf(manager, userIds);
    const preferences = await preferencesOf(manager, userIds);
    const messages = new Map<string, Message>();
    const messageOf = (row: NotificationRow, locale: Locale) => {
      const cacheKey = `${row.id}:${locale}`;
      let message = messages.get(cacheKey);
      if (!message) {
        message = render(row.type, factsOf.get(row.id)!, locale);
        messages.set(cacheKey, message);
      }
      return message;
    };
    const recipients = rows.flatMap((row) =>
      [...new Set(row.recipientIds)].flatMap((userId) => {
        const contact = contacts.get(userId);
        if (!contact) return [];
        // Each recipient reads the message in their own language.
        const locale: Locale = isLocale(contact.locale) ? contact.locale : 'en';
        const wants = preferences.get(userId) ?? DEFAULT_PREFERENCES;
        return [{ row, contact, locale, wants, message: messageOf(row, locale) }];
      }),
    );
    const ids = await writeNotifications(
      manager,
      recipients.map(({ row, contact, wants, message }) => ({
        outboxId: row.id,
        userId: contact.id,
        type: row.type,
        title: message.title,
        body: message.body,
        inApp: wants.inApp,
      })),
    );
    const idOf = (row: NotificationRow, userId: string) => ids.get(notificationKey(row.id, userId))!;
    const emailed = recipients.filter((recipient) => recipient.wants.email);
    await planEmails(
      manager,
      emailed.map(({ row, contact }) => idOf(row, contact.id)),
    );
    const texts: string[] = [];
    for (const { row, contact, wants, locale } of recipients) {
      const notificationId = idOf(row, contact.id);
      const planned = await this.sms.plan(
        manager,
        row.type,
        factsOf.get(row.id)!,
        contact.id,
        wants,
        notificationId,
        locale,
      );
      if (planned || SMS_EVENTS.includes(row.type)) texts.push(notificationId);
    }
    return {
      recipients: recipients.length,
      texts,
      emails: emailed.map(({ row, contact, locale, message }) => ({
        notificationId: idOf(row, contact.id),
        to: { email: contact.email, displayName: contact.displayName },
        message: toEmail(message, contact.displayName, locale),
      })),
    };
  }

  /** A reminder delayed in the outbox (Redis away, retries) must not reach someone who withdrew since. */
  private async stillRelevant(
    manager: EntityManager,
    rows: NotificationRow[],
    tasks: Map<string, TaskFact>,
  ): Promise<boolean[]> {
    const reminderSignups = rows.flatMap((row) =>
      row.type === OutboxEvent.SignupReminder ? [row.payload.signupId] : [],
    );
    const signups = await signupFacts(manager, reminderSignups);
    return rows.map((row) => {
      if (row.type !== OutboxEvent.SignupReminder) return true;
      const signup = signups.get(row.payload.signupId);
      return signup?.status === 'confirmed' && taskAhead(tasks.get(signup.taskId));
    });
  }
}

export type { Facts };
