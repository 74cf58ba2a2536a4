/* Haven's benchmarks (DESIGN.md, Targets). Run with `npm run bench` (`npm run bench -- hostile` for the
   hostile-input one); results go to bench/RESULTS.md by hand. */
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { AppConfig, prepareDatabase } from '@haven/core';
import { migrations } from '@haven/migrations';
import { AccessTokenService } from '@haven/identity';
import { createTestConfig, dropTestResources, seedScale } from '@haven/testing';
import { createApi } from '../apps/api/src/app.factory';
import { browseBenchmark } from './browse';
import { hostileBenchmark } from './hostile';
import { notificationsBenchmark, notificationThroughput, printThroughput } from './notifications';
import { signupWriterBenchmark } from './signup-writer';
import { stormBenchmark } from './storm';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 64;

@Controller()
class BareController {
  @Get('bare')
  bare() {
    return { items: [], nextCursor: null };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function storm(
  base: string,
  tokens: string[],
  path: string,
  body: Record<string, unknown>,
): Promise<{ ms: number; statuses: Record<number, number> }> {
  const started = performance.now();
  const responses = await Promise.all(
    tokens.map((token) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    ),
  );
  const statuses: Record<number, number> = {};
  for (const response of responses) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  return { ms: Math.round(performance.now() - started), statuses };
}

/** A task of capacity 10 and a supply item of quantity 10, far in the future, for the storms. */
async function stormTargets(db: DataSource) {
  const [need] = await db.query(
    `INSERT INTO needs (organization_id, camp_id, category, title, description, urgency)
     SELECT o.id, c.id, 'supplies', 'Storm need', 'Fictional', 'high'
       FROM organizations o, camps c WHERE o.status = 'approved' LIMIT 1 RETURNING id, organization_id, camp_id`,
  );
  const [item] = await db.query(
    `INSERT INTO need_items (need_id, name, unit, quantity, position) VALUES ($1, 'Blankets', 'pieces', 10, 0) RETURNING id`,
    [need.id],
  );
  const [task] = await db.query(
    `INSERT INTO tasks (need_id, organization_id, camp_id, category, title, description, starts_at, ends_at, capacity, signup_mode)
     VALUES ($1, $2, $3, 'supplies', 'Storm task', 'Fictional', now() + interval '400 days', now() + interval '400 days 2 hours', 10, 'open')
     RETURNING id`,
    [need.id, need.organization_id, need.camp_id],
  );
  return { stormNeedId: need.id as string, stormItemId: item.id as string, stormTaskId: task.id as string };
}

async function main(): Promise<void> {
  const config: AppConfig = await createTestConfig({
    RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
    LOG_LEVEL: 'silent',
  });
  await prepareDatabase(config, migrations);
  const bare = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  const api = await createApi(config);
  try {
    const db = api.get(DataSource);
    console.log('Seeding 100,000 tasks and 50,000 volunteers…');
    const seed = { ...(await seedScale(db, { volunteers: 50_000 })), ...(await stormTargets(db)) };
    await bare.listen(0, '127.0.0.1');
    await api.listen(0, '127.0.0.1');
    const bareUrl = await bare.getUrl();
    const apiUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const tokens = api.get(AccessTokenService);
    const reader = tokens.sign({ sub: seed.volunteerIds[0], role: 'volunteer' });
    const auth = { Authorization: `Bearer ${reader}` };

    console.log(`\nBrowse open tasks: ${CONNECTIONS} connections, ${DURATION_SECONDS} s each`);
    const baseline = await load(`${bareUrl}/bare`);
    const browse = await load(`${apiUrl}/api/v1/tasks?campId=${seed.campId}&hasSpace=true&limit=20`, auth);
    const browseAll = await load(`${apiUrl}/api/v1/tasks?limit=20`, auth);
    const rows = [
      ['bare NestJS on Fastify (baseline)', baseline],
      ['GET /tasks?campId&hasSpace&limit=20', browse],
      ['GET /tasks?limit=20', browseAll],
    ] as const;
    for (const [name, result] of rows) {
      console.log(
        `  ${name.padEnd(40)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  ` +
          `p50 ${result.p50} ms  p99 ${result.p99} ms  ratio ${(result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}`,
      );
    }

    console.log('\nSign-up storm: 500 concurrent sign-ups for a task of capacity 10');
    const volunteers = seed.volunteerIds
      .slice(1, 501)
      .map((id: string) => tokens.sign({ sub: id, role: 'volunteer' }));
    const signups = await storm(apiUrl, volunteers, `/api/v1/tasks/${seed.stormTaskId}/signups`, {});
    const [task] = await db.query('SELECT confirmed, waitlisted FROM tasks WHERE id = $1', [
      seed.stormTaskId,
    ]);
    console.log(
      `  ${signups.ms} ms, answers ${JSON.stringify(signups.statuses)}, task ${JSON.stringify(task)}`,
    );

    console.log('\nPledge storm: 500 concurrent pledges of 1 for an item of quantity 10');
    const pledges = await storm(
      apiUrl,
      volunteers,
      `/api/v1/needs/${seed.stormNeedId}/items/${seed.stormItemId}/pledges`,
      {
        quantity: 1,
      },
    );
    const [item] = await db.query('SELECT quantity, pledged FROM need_items WHERE id = $1', [
      seed.stormItemId,
    ]);
    console.log(
      `  ${pledges.ms} ms, answers ${JSON.stringify(pledges.statuses)}, item ${JSON.stringify(item)}`,
    );

    console.log('\nNotifications: outbox → BullMQ → worker → SMTP');
    printThroughput('e-mail', await notificationThroughput(config, db, seed.volunteerIds.slice(0, 2000)));
  } finally {
    await api.close();
    await bare.close();
    await dropTestResources(config);
  }
}

/**
 * `npm run bench -- hostile` runs only the hostile-input benchmark, `-- browse` only the browse one
 * (separate processes, scale runs), `-- storm` only the sign-up storm (separate processes, exact
 * outcome), `-- writer` only the sign-up writer against PostgreSQL (no HTTP), `-- notifications` only
 * the notification one (in-app and e-mail); no argument runs
 * browse, the storm, then the in-process storms and notifications.
 */
const only: Record<string, () => Promise<void>> = {
  hostile: hostileBenchmark,
  browse: browseBenchmark,
  storm: stormBenchmark,
  writer: signupWriterBenchmark,
  notifications: notificationsBenchmark,
};
const selected = only[process.argv[2] ?? ''] ?? (() => browseBenchmark().then(stormBenchmark).then(main));

selected().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
