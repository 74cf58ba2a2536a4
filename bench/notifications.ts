import { NestFactory } from '@nestjs/core';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '@haven/core';
import { createTestConfig, dropTestResources, seedScale } from '@haven/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

const BASELINE_MESSAGES = 1000;

export interface ThroughputResult {
  count: number;
  ms: number;
  havenPerSecond: number;
  baselinePerSecond: number;
  received: number;
}

/** The SMTP sink in its own process, so that it does not share a core's time with the sender. */
async function startSink() {
  const child: ChildProcess = fork(join(__dirname, 'smtp-sink.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = (message: { reset?: boolean }) =>
    new Promise<{ received: number }>((resolve) => {
      child.once('message', (answer) => resolve(answer as { received: number }));
      child.send(message);
    });
  const { port } = await new Promise<{ port: number }>((resolve) =>
    child.once('message', (answer) => resolve(answer as { port: number })),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: async () => (await ask({})).received,
    reset: () => ask({ reset: true }),
    close: () => {
      child.disconnect();
    },
  };
}

/** Bare nodemailer: the same pool size, the same capture server, the same number of messages. */
async function bareNodemailer(url: string, count: number): Promise<number> {
  // Generous timeouts: on a loaded machine a greeting may take seconds; the baseline must not fail for it.
  const transport = createTransport({
    url,
    pool: true,
    maxConnections: 8,
    connectionTimeout: 120_000,
    greetingTimeout: 120_000,
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      transport.sendMail({ from: 'bench@example.org', to: `r${index}@example.org`, subject: 'x', text: 'y' }),
    ),
  );
  const perSecond = count / ((performance.now() - started) / 1000);
  transport.close();
  return perSecond;
}

/**
 * Notifications per second from outbox rows to the SMTP server (or, with `channel: 'in_app'`, to
 * notification rows only: the recipients have e-mail switched off), through the relay, BullMQ, one
 * worker and its delivery records, against a baseline of bare nodemailer sends (the same pool
 * size) to the same capture server in the same run. Each outbox row has one recipient, as the
 * fan-out of single-person events (a sign-up confirmed, an organisation approved) has.
 */
export async function notificationThroughput(
  config: AppConfig,
  db: DataSource,
  recipientIds: string[],
  channel: 'email' | 'in_app' = 'email',
): Promise<ThroughputResult> {
  const mail = await startSink();
  try {
    const baselinePerSecond = await bareNodemailer(mail.url, BASELINE_MESSAGES);
    await mail.reset();

    const [organization] = await db.query(`SELECT id FROM organizations WHERE status = 'approved' LIMIT 1`);
    await db.query(
      `INSERT INTO notification_preferences (user_id, email, in_app, digest, sms)
       SELECT id, $2, true, 'off', false FROM unnest($1::uuid[]) AS id
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email`,
      [recipientIds, channel === 'email'],
    );
    await db.query(`DELETE FROM notifications WHERE type = 'organization.approved'`);
    // Only this run's rows are measured: earlier events (the storms') are set aside.
    await db.query('UPDATE outbox SET relayed_at = now() WHERE relayed_at IS NULL');
    const worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(Object.assign(new AppConfig(), config, { MAIL_URL: mail.url })),
      { logger: false },
    );
    await worker.init();
    const started = performance.now();
    await db.query(
      `INSERT INTO outbox (event_type, recipient_ids, payload)
       SELECT 'organization.approved', ARRAY[id], jsonb_build_object('organizationId', $2::text)
         FROM unnest($1::uuid[]) AS id`,
      [recipientIds, organization.id],
    );
    const done =
      channel === 'email'
        ? `SELECT count(*)::int AS done FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE d.status = 'sent' AND n.type = 'organization.approved'`
        : `SELECT count(*)::int AS done FROM notifications WHERE type = 'organization.approved'`;
    for (;;) {
      const [row] = await db.query(done);
      if (row.done >= recipientIds.length) break;
      if (performance.now() - started > 300_000) throw new Error(`only ${row.done} delivered in 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = Math.round(performance.now() - started);
    await worker.close();
    return {
      count: recipientIds.length,
      ms,
      havenPerSecond: recipientIds.length / (ms / 1000),
      baselinePerSecond,
      received: await mail.received(),
    };
  } finally {
    mail.close();
  }
}

export function printThroughput(label: string, result: ThroughputResult): void {
  console.log(
    `  ${label}: bare nodemailer ${result.baselinePerSecond.toFixed(0)} messages/s; ` +
      `Haven ${result.havenPerSecond.toFixed(0)} notifications/s (${result.count} in ${result.ms} ms), ` +
      `ratio ${(result.havenPerSecond / result.baselinePerSecond).toFixed(2)}, e-mails received ${result.received}`,
  );
}

/**
 * `npm run bench -- notifications`: only the notification figures, on a small seed (1,000 tasks,
 * NOTIFY_COUNT volunteers, default 10,000), in-app only and then by e-mail (NOTIFY_CHANNELS, default
 * `in_app,email`), ROUNDS times each.
 */
export async function notificationsBenchmark(): Promise<void> {
  const count = Number(process.env.NOTIFY_COUNT ?? 10_000);
  const rounds = Number(process.env.ROUNDS ?? 2);
  const config: AppConfig = await createTestConfig({ LOG_LEVEL: 'silent' });
  const db = new DataSource({ type: 'postgres', url: config.DATABASE_URL });
  await db.initialize();
  try {
    const seed = await seedScale(db, { volunteers: count, tasks: 1000 });
    console.log(`\nNotifications: outbox → BullMQ → worker → rows (and SMTP), ${count} one-recipient events`);
    const channels = (process.env.NOTIFY_CHANNELS ?? 'in_app,email').split(',');
    for (let round = 1; round <= rounds; round++) {
      if (channels.includes('in_app'))
        printThroughput(
          `in-app only, round ${round}`,
          await notificationThroughput(config, db, seed.volunteerIds, 'in_app'),
        );
      if (channels.includes('email'))
        printThroughput(
          `e-mail, round ${round}`,
          await notificationThroughput(config, db, seed.volunteerIds, 'email'),
        );
    }
  } finally {
    await db.destroy();
    await dropTestResources(config);
  }
}
