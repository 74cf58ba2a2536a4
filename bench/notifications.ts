import { NestFactory } from '@nestjs/core';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '@haven/core';
import { render, toEmail } from '@haven/notifications';
import { createTestConfig, dropTestResources, seedScale } from '@haven/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { cpuMs } from './processes';

export interface ThroughputResult {
  count: number;
  ms: number;
  havenPerSecond: number;
  baselinePerSecond: number;
  /** Bare nodemailer sending a one-word text e-mail (the old baseline), for comparison. */
  minimalPerSecond: number;
  received: number;
  /** CPU ms per message: the sending process (bare nodemailer, or the worker), the sink, PostgreSQL. */
  baselineCpu: { sender: number; sink: number };
  /** CPU ms per message of bare nodemailer sending the one-word text. */
  minimalCpu: number;
  havenCpu: { sender: number; sink: number; postgres: number };
}

/** CPU time (user + system) this process has used, in ms: it hosts the bare sender and the worker. */
const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** CPU time of each PostgreSQL backend serving the benchmark's database, by pid. */
async function backendCpu(db: DataSource): Promise<Map<number, number>> {
  const rows: { pid: number }[] = await db.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  return new Map(rows.map((row) => [row.pid, cpuMs(row.pid)]));
}

const cpuSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

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
    pid: child.pid,
    url: `smtp://127.0.0.1:${port}`,
    received: async () => (await ask({})).received,
    reset: () => ask({ reset: true }),
    close: () => {
      child.disconnect();
    },
  };
}

/**
 * What Haven sends for the measured event, so that the baseline sends the same bytes: the same
 * sender, a named recipient, a Message-ID, the rendered subject, text and HTML.
 */
function sameMessage(config: AppConfig, index: number) {
  const message = toEmail(
    render('organization.approved', { payload: {}, organization: { name: 'Bench Org', status: 'approved' } }),
    `Volunteer ${index}`,
  );
  return {
    messageId: `<${index}-bench@haven>`,
    from: config.MAIL_FROM,
    to: { name: `Volunteer ${index}`, address: `r${index}@example.org` },
    ...message,
  };
}

/** Bare nodemailer: the same pool size, the same capture server, the same number of messages. */
async function bareNodemailer(
  url: string,
  count: number,
  message: (index: number) => object,
): Promise<number> {
  // Generous timeouts: on a loaded machine a greeting may take seconds; the baseline must not fail for it.
  const transport = createTransport({
    url,
    pool: true,
    maxConnections: 8,
    connectionTimeout: 120_000,
    greetingTimeout: 120_000,
  });
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, index) => transport.sendMail(message(index))));
  const perSecond = count / ((performance.now() - started) / 1000);
  transport.close();
  return perSecond;
}

/**
 * Notifications per second from outbox rows to the SMTP server (or, with `channel: 'in_app'`, to
 * notification rows only: the recipients have e-mail switched off), through the relay, BullMQ, one
 * worker and its delivery records, against a baseline of bare nodemailer sends (the same pool
 * size, the same number of the same messages) to the same capture server in the same run, and bare
 * sends of a one-word text (the baseline before 2026-11-30, for comparison). Each outbox row has one
 * recipient, as the fan-out of single-person events (a sign-up confirmed, an organisation approved)
 * has. The CPU each side costs per message is read from /proc: on a shared machine the steadier figure.
 */
export async function notificationThroughput(
  config: AppConfig,
  db: DataSource,
  recipientIds: string[],
  channel: 'email' | 'in_app' = 'email',
): Promise<ThroughputResult> {
  const mail = await startSink();
  try {
    const count = recipientIds.length;
    const bareBefore = { sender: ownCpuMs(), sink: cpuMs(mail.pid) };
    const baselinePerSecond = await bareNodemailer(mail.url, count, (index) => sameMessage(config, index));
    const baselineCpu = {
      sender: (ownCpuMs() - bareBefore.sender) / count,
      sink: (cpuMs(mail.pid) - bareBefore.sink) / count,
    };
    const minimalBefore = ownCpuMs();
    const minimalPerSecond = await bareNodemailer(mail.url, count, (index) => ({
      from: 'bench@example.org',
      to: `r${index}@example.org`,
      subject: 'x',
      text: 'y',
    }));
    const minimalCpu = (ownCpuMs() - minimalBefore) / count;
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
    const profiling = process.env.NOTIFY_PROFILE ? new Session() : null;
    if (profiling) {
      profiling.connect();
      await profiling.post('Profiler.enable');
      await profiling.post('Profiler.start');
    }
    const before = { sender: ownCpuMs(), sink: cpuMs(mail.pid), postgres: await backendCpu(db) };
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
    const havenCpu = {
      sender: (ownCpuMs() - before.sender) / count,
      sink: (cpuMs(mail.pid) - before.sink) / count,
      postgres: cpuSince(before.postgres, await backendCpu(db)) / count,
    };
    if (profiling) {
      const { profile } = await profiling.post('Profiler.stop');
      const file = join(process.env.NOTIFY_PROFILE!, `notifications-${channel}-${Date.now()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      profiling.disconnect();
    }
    await worker.close();
    return {
      count,
      ms,
      havenPerSecond: count / (ms / 1000),
      baselinePerSecond,
      minimalPerSecond,
      minimalCpu,
      received: await mail.received(),
      baselineCpu,
      havenCpu,
    };
  } finally {
    mail.close();
  }
}

export function printThroughput(label: string, result: ThroughputResult): void {
  console.log(
    `  ${label}: bare nodemailer ${result.baselinePerSecond.toFixed(0)} messages/s ` +
      `(${result.minimalPerSecond.toFixed(0)}/s with a one-word text); ` +
      `Haven ${result.havenPerSecond.toFixed(0)} notifications/s (${result.count} in ${result.ms} ms), ` +
      `ratio ${(result.havenPerSecond / result.baselinePerSecond).toFixed(2)} ` +
      `(${(result.havenPerSecond / result.minimalPerSecond).toFixed(2)} against the one-word text), ` +
      `e-mails received ${result.received}`,
  );
  const { baselineCpu: bare, havenCpu: haven } = result;
  console.log(
    `    CPU ms per message: bare sender ${bare.sender.toFixed(2)} (one-word text ${result.minimalCpu.toFixed(2)}), ` +
      `sink ${bare.sink.toFixed(2)}; ` +
      `Haven worker ${haven.sender.toFixed(2)}, sink ${haven.sink.toFixed(2)}, PostgreSQL ${haven.postgres.toFixed(2)}`,
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
