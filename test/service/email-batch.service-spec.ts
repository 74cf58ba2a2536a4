import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EmailBatch, EmailChannel, EmailTarget, SentMarks } from '@haven/notifications';
import { MailCapture, startMailCapture } from '../support/mail-capture';
import { people } from '../support/service-fixtures';
import { ServiceWorld, startServices } from '../support/services';

/** The e-mail leg alone: the whole notifications context would need the queues too. */
@Module({ providers: [EmailBatch, EmailChannel, SentMarks] })
class EmailBatchModule {}

/**
 * The e-mail leg of a delivery batch on its own: claims taken just before sending, `sent` marked
 * after, so that runs of the same batch side by side (a stalled job run again) send each e-mail once.
 */
describe('e-mail batches: claims and marks (service)', () => {
  let world: ServiceWorld;
  let smtp: MailCapture;
  let batch: EmailBatch;

  beforeAll(async () => {
    smtp = await startMailCapture();
    world = await startServices([EmailBatchModule], { MAIL_URL: smtp.url });
    batch = world.get(EmailBatch);
  });

  afterAll(async () => {
    await world?.close();
    await smtp?.close();
  });

  /** `count` notifications with a pending e-mail delivery each, as the planning transaction leaves them. */
  async function pendingEmails(count: number): Promise<EmailTarget[]> {
    const recipients = await people(world, 'volunteer', count);
    const outboxId = randomUUID();
    const rows: { id: string; email: string; display_name: string }[] = await world.db.query(
      `WITH created AS (
         INSERT INTO notifications (outbox_id, user_id, type, title, body, in_app)
         SELECT $1, id, 'organization.approved', 'Approved', 'Body', true FROM unnest($2::uuid[]) AS id
         RETURNING id, user_id),
       planned AS (
         INSERT INTO notification_deliveries (notification_id, channel, status)
         SELECT id, 'email', 'pending' FROM created)
       SELECT c.id, u.email, u.display_name FROM created c JOIN users u ON u.id = c.user_id`,
      [outboxId, recipients.map((recipient) => recipient.id)],
    );
    return rows.map((row) => ({
      notificationId: row.id,
      to: { email: row.email, displayName: row.display_name },
      message: { subject: `Approved ${row.id}`, text: 'Text', html: '<p>Text</p>' },
    }));
  }

  const received = (targets: EmailTarget[]) =>
    smtp.messages.filter((mail) => targets.some((target) => mail.to.includes(target.to.email))).length;

  async function deliveries(targets: EmailTarget[]) {
    const [state] = await world.db.query(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, max(attempts)::int AS attempts,
              count(*) FILTER (WHERE claimed_until IS NOT NULL)::int AS claimed
         FROM notification_deliveries WHERE channel = 'email' AND notification_id = ANY($1::uuid[])`,
      [targets.map((target) => target.notificationId)],
    );
    return state;
  }

  it('sends each e-mail once when two runs of the same batch send side by side', async () => {
    const targets = await pendingEmails(40);
    const outcomes = await Promise.all([batch.send(targets, false), batch.send(targets, false)]);
    expect(outcomes[0].sent + outcomes[1].sent).toBe(40);
    expect(received(targets)).toBe(40);
    expect(await deliveries(targets)).toEqual({ sent: 40, attempts: 1, claimed: 0 });
  });

  it('skips what was sent already', async () => {
    const targets = await pendingEmails(5);
    await batch.send(targets, false);
    expect(await batch.send(targets, false)).toEqual({ sent: 0, failed: 0 });
    expect(received(targets)).toBe(5);
  });

  it('waits for a claim another run holds, and sends once it has lapsed (that run died)', async () => {
    const targets = await pendingEmails(3);
    await world.db.query(
      `UPDATE notification_deliveries SET claimed_until = now() + interval '1.5 seconds'
        WHERE notification_id = $1`,
      [targets[0].notificationId],
    );
    expect(await batch.send(targets, false)).toEqual({ sent: 3, failed: 0 });
    expect(received(targets)).toBe(3);
    expect(await deliveries(targets)).toEqual({ sent: 3, attempts: 1, claimed: 0 });
  });
});
