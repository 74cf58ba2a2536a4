import { NestFactory } from '@nestjs/core';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '@haven/core';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { startMailCapture } from '../test/support/mail-capture';

const BASELINE_MESSAGES = 1000;

/**
 * Notifications per second from outbox rows to the SMTP server, through the relay, BullMQ, one
 * worker process and its delivery records, against a baseline of bare nodemailer sends (the same
 * pool size) to the same capture server in the same run.
 */
export async function notificationThroughput(config: AppConfig, db: DataSource, recipientIds: string[]) {
  const mail = await startMailCapture();
  try {
    const transport = createTransport({ url: mail.url, pool: true, maxConnections: 8 });
    const baselineStart = performance.now();
    await Promise.all(
      Array.from({ length: BASELINE_MESSAGES }, (_, index) =>
        transport.sendMail({
          from: 'bench@example.org',
          to: `r${index}@example.org`,
          subject: 'x',
          text: 'y',
        }),
      ),
    );
    const baselinePerSecond = BASELINE_MESSAGES / ((performance.now() - baselineStart) / 1000);
    transport.close();
    mail.messages.length = 0;

    const [organization] = await db.query(`SELECT id FROM organizations WHERE status = 'approved' LIMIT 1`);
    // Only this run's rows are measured: earlier events (the storms') are set aside.
    await db.query('UPDATE outbox SET relayed_at = now() WHERE relayed_at IS NULL');
    const worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(Object.assign(new AppConfig(), config, { MAIL_URL: mail.url })),
      {
        logger: false,
      },
    );
    await worker.init();
    const started = performance.now();
    await db.query(
      `INSERT INTO outbox (event_type, recipient_ids, payload)
       SELECT 'organization.approved', ARRAY[id], jsonb_build_object('organizationId', $2::text)
         FROM unnest($1::uuid[]) AS id`,
      [recipientIds, organization.id],
    );
    for (;;) {
      const [row] = await db.query(
        `SELECT count(*)::int AS sent FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
          WHERE d.status = 'sent' AND n.type = 'organization.approved'`,
      );
      if (row.sent >= recipientIds.length) break;
      if (performance.now() - started > 300_000) throw new Error(`only ${row.sent} delivered in 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ms = Math.round(performance.now() - started);
    await worker.close();
    return {
      count: recipientIds.length,
      ms,
      havenPerSecond: recipientIds.length / (ms / 1000),
      baselinePerSecond,
      received: mail.messages.length,
    };
  } finally {
    await mail.close();
  }
}
