/*
 * The sign-up writer alone against PostgreSQL (issue 14, item 4): no HTTP, no worker. WRITER_SIGNUPS
 * volunteers (default 2,000) sign up at once for a task of 10 places through SignupWriter, as the
 * API's requests would reach it, WRITER_ROUNDS times (default 3) on a fresh task each, after a
 * warm-up of 200. Prints the backends' CPU per sign-up (what the database spends on the writer's
 * statements and triggers) and this process's; fails unless each outcome is exact (10 confirmed,
 * the rest waitlisted with the positions of their `seq` order, the counters equal to the rows).
 * Rounds are printed separately: a cost that grows with the sign-ups already written shows there.
 */
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { databaseOptions } from '@haven/core';
import { createTestConfig, dropTestResources, seedScale } from '@haven/testing';
import { SignupWriter } from '../libs/volunteering/src/signup-writer';
import { cpuMs } from './processes';
import { stormTask } from './storm';

const SIGNUPS = Number(process.env.WRITER_SIGNUPS ?? 2000);
const ROUNDS = Number(process.env.WRITER_ROUNDS ?? 3);
const CAPACITY = 10;

/** The CPU of the database's backends other than the one asking. */
async function backendsMs(db: DataSource): Promise<number> {
  const rows: { pid: number }[] = await db.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.reduce((sum, row) => sum + cpuMs(row.pid), 0);
}

async function check(db: DataSource, taskId: string, ids: string[], outcomes: { position: number }[]) {
  const answered = new Map(ids.map((id, index) => [id, outcomes[index]]));
  const rows: { volunteer_id: string; status: string }[] = await db.query(
    'SELECT volunteer_id, status FROM signups WHERE task_id = $1 ORDER BY seq',
    [taskId],
  );
  const exact = rows.every((row, index) =>
    index < CAPACITY
      ? row.status === 'confirmed'
      : row.status === 'waitlisted' && answered.get(row.volunteer_id)?.position === index - CAPACITY + 1,
  );
  const [counters] = await db.query('SELECT confirmed, waitlisted FROM tasks WHERE id = $1', [taskId]);
  if (!exact || rows.length !== ids.length || counters.waitlisted !== ids.length - CAPACITY) {
    throw new Error('the writer did not answer the queue its rows hold');
  }
}

export async function signupWriterBenchmark(): Promise<void> {
  const config = await createTestConfig();
  const db = new DataSource(databaseOptions(config));
  // The backends are counted from a connection of their own, so the writer's pool never hides one.
  const monitor = new DataSource({ ...databaseOptions(config), extra: { max: 1 } });
  await db.initialize();
  await monitor.initialize();
  try {
    const { volunteerIds } = await seedScale(db, { tasks: 1000, volunteers: SIGNUPS });
    const writer = new SignupWriter(db);
    console.log(`Sign-up writer alone: ${SIGNUPS} sign-ups at once for ${CAPACITY} places, no HTTP`);
    for (let round = 0; round <= ROUNDS; round++) {
      const ids = round === 0 ? volunteerIds.slice(0, 200) : volunteerIds;
      const taskId = await stormTask(db, round, CAPACITY);
      const before = { db: await backendsMs(monitor), self: process.cpuUsage() };
      const started = performance.now();
      const outcomes = await Promise.all(ids.map((id) => writer.signUp(taskId, id)));
      const ms = performance.now() - started;
      const dbMs = (await backendsMs(monitor)) - before.db;
      const self = process.cpuUsage(before.self);
      await check(db, taskId, ids, outcomes as { position: number }[]);
      console.log(
        `  ${round === 0 ? 'warm-up' : `round ${round}`}: ${ids.length} in ${ms.toFixed(0)} ms = ` +
          `${((ids.length / ms) * 1000).toFixed(0)} sign-ups/s, exact; CPU per sign-up: ` +
          `PostgreSQL ${(dbMs / ids.length).toFixed(3)} ms, writer ${((self.user + self.system) / 1000 / ids.length).toFixed(3)} ms; ` +
          `load average ${loadavg()[0].toFixed(1)}`,
      );
    }
  } finally {
    await monitor.destroy();
    await db.destroy();
    await dropTestResources(config);
  }
}
