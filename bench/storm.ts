/*
 * The sign-up storm as the product runs (issue 14, item 4): the built API and worker as their own
 * processes at production log level; from this process, STORM_SIGNUPS volunteers (default 2,000),
 * each with a token of their own, sign up for one task of STORM_CAPACITY places (default 10) over
 * 64 keep-alive connections, all queued at once. The outcome is checked exactly and the run fails
 * otherwise: every answer 201, exactly `capacity` confirmed, the rest waitlisted with the positions
 * 1…n each answered once, the database's `seq` order the same (confirmed first, then the waitlist in
 * the answered order) and the task's counters equal to the rows. A warm-up storm of the same size
 * on another task runs first, unmeasured, as a long-running API's code is warm; STORM_ROUNDS
 * (default 2) measured storms follow, each on a fresh task.
 */
import { ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig, databaseOptions } from '@haven/core';
import { AccessTokenService } from '@haven/identity';
import { createTestConfig, dropTestResources, seedScale } from '@haven/testing';
import { cpuMs, productionEnv, startProcess } from './processes';

const SIGNUPS = Number(process.env.STORM_SIGNUPS ?? 2000);
const CAPACITY = Number(process.env.STORM_CAPACITY ?? 10);
const ROUNDS = Number(process.env.STORM_ROUNDS ?? 2);
const CONNECTIONS = 64;
const PORT = Number(process.env.BENCH_PORT ?? 3930);
const BENCH_APPLICATION = 'haven-bench';

interface Answer {
  status: number;
  body: { status?: string; waitlistPosition?: number | null };
}

function send(
  method: 'GET' | 'POST',
  agent: Agent,
  base: string,
  path: string,
  token: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = method === 'POST' ? '{}' : '';
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A task of `capacity` places, far in the future, `day` days apart so the storms never overlap. */
export async function stormTask(db: DataSource, day: number, capacity = CAPACITY): Promise<string> {
  const [task] = await db.query(
    `INSERT INTO tasks (need_id, organization_id, camp_id, category, title, description, starts_at, ends_at, capacity, signup_mode)
     SELECT n.id, n.organization_id, n.camp_id, 'supplies', 'Storm task', 'Fictional',
            now() + $1 * interval '1 day', now() + $1 * interval '1 day' + interval '2 hours', $2, 'open'
       FROM needs n JOIN organizations o ON o.id = n.organization_id WHERE o.status = 'approved' LIMIT 1
     RETURNING id`,
    [300 + day, capacity],
  );
  return task.id as string;
}

/** Fails unless the storm's outcome is exact. */
async function check(db: DataSource, taskId: string, answers: Answer[]): Promise<void> {
  const failures = answers.filter((answer) => answer.status !== 201);
  if (failures.length > 0) {
    const statuses = [...new Set(failures.map((answer) => answer.status))].join(', ');
    throw new Error(`${failures.length} answers were not 201 (${statuses})`);
  }
  const confirmed = answers.filter((answer) => answer.body.status === 'confirmed').length;
  const positions = answers
    .filter((answer) => answer.body.status === 'waitlisted')
    .map((answer) => answer.body.waitlistPosition as number)
    .sort((a, b) => a - b);
  const expectedWaiting = answers.length - Math.min(CAPACITY, answers.length);
  if (confirmed !== Math.min(CAPACITY, answers.length) || positions.length !== expectedWaiting) {
    throw new Error(`${confirmed} confirmed and ${positions.length} waitlisted answered`);
  }
  if (positions.some((position, index) => position !== index + 1)) {
    throw new Error('the answered waitlist positions are not 1…n, each once');
  }
  const rows: { status: string; position: number | null }[] = await db.query(
    `SELECT s.status, CASE WHEN s.status = 'waitlisted' THEN
            (SELECT count(*)::int FROM signups w WHERE w.task_id = s.task_id AND w.status = 'waitlisted' AND w.seq <= s.seq) END AS position
       FROM signups s WHERE s.task_id = $1 ORDER BY s.seq`,
    [taskId],
  );
  const inOrder = rows.every((row, index) =>
    index < CAPACITY
      ? row.status === 'confirmed'
      : row.status === 'waitlisted' && row.position === index - CAPACITY + 1,
  );
  if (rows.length !== answers.length || !inOrder)
    throw new Error('the rows in seq order are not confirmed, then the queue');
  const [task] = await db.query('SELECT confirmed, waitlisted FROM tasks WHERE id = $1', [taskId]);
  if (task.confirmed !== confirmed || task.waitlisted !== expectedWaiting) {
    throw new Error(`task counters ${JSON.stringify(task)} do not match the rows`);
  }
}

/** CPU time (user + system) of a backend so far, in ms (Linux /proc; clock ticks of 10 ms); null once it ended. */
function backendCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time of the database's backends since `start()`: on a shared machine a steadier figure than
 * the rate; the benchmark's own connections are left out. Sampled every 100 ms, so that a backend
 * that ends meanwhile (a pool closing an idle connection) still counts up to its last sample, and
 * one that starts counts from zero.
 */
class BackendsCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly runner: QueryRunner) {}

  static async start(db: DataSource): Promise<BackendsCpu> {
    const tracker = new BackendsCpu(db.createQueryRunner());
    await tracker.sample(true);
    tracker.timer = setInterval(() => void tracker.sample(false).catch(() => undefined), 100);
    return tracker;
  }

  private async sample(initial: boolean): Promise<void> {
    const rows: { pid: number }[] = await this.runner.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name <> $1`,
      [BENCH_APPLICATION],
    );
    for (const { pid } of rows) {
      const ms = backendCpuMs(pid);
      if (ms === null) continue;
      if (!this.first.has(pid)) this.first.set(pid, initial ? ms : 0);
      this.last.set(pid, ms);
    }
  }

  /** Backend CPU in ms since the start, as of a sample taken now. */
  async ms(): Promise<number> {
    await this.sample(false);
    let sum = 0;
    for (const [pid, ms] of this.last) sum += ms - (this.first.get(pid) ?? 0);
    return sum;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.runner.release();
  }
}

/**
 * Waits until every sign-up of the task has its notification written and its e-mail sent (or
 * given up) by the worker, at most 60 s; false if that did not happen.
 */
async function notified(db: DataSource, taskId: string, count: number): Promise<boolean> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const [row] = await db.query(
      `SELECT count(*)::int AS written,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM notification_deliveries d
                                              WHERE d.notification_id = n.id AND d.status = 'pending'))::int AS sending
         FROM notifications n JOIN outbox o ON o.id = n.outbox_id WHERE o.payload->>'taskId' = $1`,
      [taskId],
    );
    if (row.written >= count && row.sending === 0) return true;
  }
  return false;
}

/** The benchmark's mail server in its own process (it stands for the relay Haven sends to). */
function startSink(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(join(__dirname, 'smtp-sink.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve) =>
    child.once('message', (answer) => {
      resolve({ url: `smtp://127.0.0.1:${(answer as { port: number }).port}`, child });
    }),
  );
}

async function storm(
  db: DataSource,
  base: string,
  tokens: string[],
  day: number,
  pids: { api: number; worker: number },
) {
  const taskId = await stormTask(db, day);
  // PostgreSQL here runs with autovacuum off (the CI machine's setting); in production it would
  // have analysed these tables by now, each storm adding thousands of rows to several of them.
  await db.query('ANALYZE');
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const backends = await BackendsCpu.start(db);
  // The API's and the worker's processes with their children (API_PROCESSES).
  const cpu = { api: cpuMs(pids.api), worker: cpuMs(pids.worker) };
  const cpuSince = async () => ({
    api: cpuMs(pids.api) - cpu.api,
    worker: cpuMs(pids.worker) - cpu.worker,
    db: await backends.ms(),
  });
  const started = performance.now();
  const answers = await Promise.all(
    tokens.map((token) => send('POST', agent, base, `/api/v1/tasks/${taskId}/signups`, token)),
  );
  const ms = performance.now() - started;
  const answered = await cpuSince();
  agent.destroy();
  // The worker's share: its relay and notification writes, finished after the last answer.
  const settled = (await notified(db, taskId, tokens.length)) ? await cpuSince() : null;
  const settledMs = performance.now() - started;
  await backends.stop();
  await check(db, taskId, answers);
  const each = (cpu: { api: number; worker: number; db: number }) => ({
    api: cpu.api / tokens.length,
    worker: cpu.worker / tokens.length,
    db: cpu.db / tokens.length,
  });
  return {
    ms,
    settledMs,
    perSecond: (tokens.length / ms) * 1000,
    answered: each(answered),
    settled: settled && each(settled),
  };
}

/** CPU per sign-up as printed: API, worker, PostgreSQL and their sum. */
function perSignup(cpu: { api: number; worker: number; db: number }): string {
  return (
    `API ${cpu.api.toFixed(2)} + worker ${cpu.worker.toFixed(2)} + PostgreSQL ${cpu.db.toFixed(2)} ` +
    `= ${(cpu.api + cpu.worker + cpu.db).toFixed(2)} ms`
  );
}

async function seed(config: AppConfig) {
  // Named, so that the benchmark's own queries are left out of PostgreSQL's CPU.
  const options = databaseOptions(config);
  const db = new DataSource({ ...options, extra: { ...options.extra, application_name: BENCH_APPLICATION } });
  await db.initialize();
  const seeded = await seedScale(db, { tasks: 1000, volunteers: SIGNUPS });
  // A platform that has been running: each volunteer has past sign-ups (withdrawn, so they touch
  // neither places nor overlaps) and e-mailed notifications. On empty tables PostgreSQL plans
  // sequential scans that it keeps for a connection's life (the prepared sign-up statement, the
  // foreign-key checks), and every storm on them costs more than the last.
  await db.query(
    `INSERT INTO signups (task_id, volunteer_id, status)
     SELECT t.id, v, 'withdrawn' FROM unnest($1::uuid[]) v
      CROSS JOIN LATERAL (SELECT id FROM tasks ORDER BY md5(v::text || id::text) LIMIT 5) t`,
    [seeded.volunteerIds],
  );
  await db.query(
    `WITH n AS (
       INSERT INTO notifications (outbox_id, user_id, type, title, body, in_app)
       SELECT gen_random_uuid(), v, 'signup.confirmed', 'Fictional past notice', 'Fictional', true
         FROM unnest($1::uuid[]) v CROSS JOIN generate_series(1, 5)
       RETURNING id)
     INSERT INTO notification_deliveries (notification_id, channel, status, attempts, sent_at)
     SELECT id, 'email', 'sent', 1, now() FROM n`,
    [seeded.volunteerIds],
  );
  return { db, volunteerIds: seeded.volunteerIds };
}

export async function stormBenchmark(): Promise<void> {
  const config = await createTestConfig();
  const { db, volunteerIds } = await seed(config);
  // Every sign-up is e-mailed: the worker sends to a sink of the benchmark's own, as to a relay.
  const sink = await startSink();
  const env = productionEnv(config, { MAIL_URL: sink.url });
  // STORM_PROFILE=dir writes CPU profiles of the API and the worker (on their exit) into dir/api and dir/worker.
  const profile = process.env.STORM_PROFILE;
  const profiled = (name: string) =>
    profile ? { ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profile}/${name}` } : env;
  const api = await startProcess('apps/api/src/main.js', profiled('api'), PORT);
  const worker = await startProcess('apps/worker/src/main.js', profiled('worker'), null);
  try {
    const signer = new AccessTokenService(config);
    const tokens = volunteerIds.map((id) => signer.sign({ sub: id, role: 'volunteer' }));
    console.log(
      `Sign-up storm: ${SIGNUPS} volunteers for ${CAPACITY} places, ${CONNECTIONS} connections, ${env.API_PROCESSES} API process(es) and a worker`,
    );
    const pids = { api: api.child.pid ?? 0, worker: worker.child.pid ?? 0 };
    // As before a real storm, every volunteer has been signed in and looked at tasks: the API has
    // met their tokens. Its code is warm from a first storm of the same size (with 200 sign-ups,
    // the first measured round paid for the JIT: 1.0 ms of API CPU a sign-up against 0.6–0.8).
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const looked = await Promise.all(
      tokens.map((token) => send('GET', agent, api.base, '/api/v1/tasks?limit=5', token)),
    );
    agent.destroy();
    if (looked.some((answer) => answer.status !== 200))
      throw new Error('the task list was not served to every volunteer');
    const warm = await storm(db, api.base, tokens, 0, pids);
    console.log(`  warm-up (${SIGNUPS}, not counted): ${warm.perSecond.toFixed(0)} sign-ups/s, exact`);
    for (let round = 1; round <= ROUNDS; round++) {
      const result = await storm(db, api.base, tokens, round, pids);
      console.log(
        `  round ${round}: ${SIGNUPS} in ${result.ms.toFixed(0)} ms = ${result.perSecond.toFixed(0)} sign-ups/s; ` +
          `exact: ${CAPACITY} confirmed, ${SIGNUPS - CAPACITY} waitlisted in order, no other answer; ` +
          `load average ${loadavg()[0].toFixed(1)}\n` +
          `    CPU per sign-up to the last answer: ${perSignup(result.answered)}\n` +
          (result.settled
            ? `    with every notification written and e-mailed (${result.settledMs.toFixed(0)} ms): ${perSignup(result.settled)}`
            : '    the notifications were not all written and e-mailed within 60 s'),
      );
    }
  } finally {
    await api.stop();
    await worker.stop();
    sink.child.disconnect();
    await db.destroy();
    await dropTestResources(config);
  }
}
