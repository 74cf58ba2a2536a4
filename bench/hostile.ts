/*
 * Hostile input (DESIGN.md, Targets): the built API in its own process, many clients sending the
 * largest bodies it accepts (digit- and identifier-dense), and `/health/live` p99 measured meanwhile.
 * Run with `npm run bench -- hostile` (after `npm run build`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { AppConfig, databaseOptions } from '@haven/core';
import { AccessTokenService } from '@haven/identity';
import { createTestConfig, dropTestResources } from '@haven/testing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const HOSTILE_CONNECTIONS = 32;
const PORT = Number(process.env.BENCH_PORT ?? 3150);
const API_MAIN = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');

/** Text full of what the privacy guard must search: digit runs, phone-like groups, ids. */
function hostileText(length: number): string {
  const pieces = ['0790 123 456 ', '+962 79 123 4567 ', 'ID 1234567890 ', 'case 123-45C6789 ', '12/03/2019 '];
  let text = '';
  for (let index = 0; text.length < length; index++) text += pieces[index % pieces.length];
  return text.slice(0, length);
}

/** Verified accounts: posting a need needs a verified address, and the attack must reach the guard. */
async function seed(db: DataSource) {
  const [camp] = await db.query(
    `INSERT INTO camps (name, country, region, timezone) VALUES ('Bench camp (fictional)', 'JO', 'Testland', 'Asia/Amman') RETURNING id`,
  );
  const [organization] = await db.query(
    `INSERT INTO organizations (name, country, registration_number, contact_email, description, focus_areas, status)
     VALUES ('Bench NGO (fictional)', 'JO', 'BENCH-1', 'bench@example.org', 'Fictional', '{education}', 'approved') RETURNING id`,
  );
  const [coordinator] = await db.query(
    `INSERT INTO users (email, display_name, role, email_verified_at) VALUES ('bench-coordinator@example.org', 'Bench coordinator', 'coordinator', now()) RETURNING id`,
  );
  const [volunteer] = await db.query(
    `INSERT INTO users (email, display_name, role, email_verified_at) VALUES ('bench-volunteer@example.org', 'Bench volunteer', 'volunteer', now()) RETURNING id`,
  );
  await db.query(
    `INSERT INTO organization_members (organization_id, user_id, member_role) VALUES ($1, $2, 'owner')`,
    [organization.id, coordinator.id],
  );
  return {
    campId: camp.id as string,
    coordinatorId: coordinator.id as string,
    volunteerId: volunteer.id as string,
  };
}

function hostileBodies(campId: string) {
  const need = {
    campId,
    category: 'supplies',
    title: hostileText(200),
    description: hostileText(5000),
    urgency: 'high',
    items: Array.from({ length: 50 }, () => ({ name: hostileText(200), unit: hostileText(50), quantity: 1 })),
  };
  const profile = {
    skills: Array.from({ length: 30 }, () => hostileText(50)),
    languages: ['ar', 'en'],
    availability: [],
    remote: false,
    campIds: [],
    bio: hostileText(2000),
  };
  // Over the limits: refused, but they still cost the API a read.
  const oversized = { ...profile, skills: Array.from({ length: 10_000 }, () => hostileText(49)) };
  return { need, profile, oversized };
}

export async function hostileBenchmark(): Promise<void> {
  const config: AppConfig = await createTestConfig({ LOG_LEVEL: 'silent' });
  const db = new DataSource(databaseOptions(config));
  await db.initialize();
  const ids = await seed(db);
  const tokens = new AccessTokenService(config);
  const coordinator = tokens.sign({ sub: ids.coordinatorId, role: 'coordinator' });
  const volunteer = tokens.sign({ sub: ids.volunteerId, role: 'volunteer' });
  const api = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      // As production runs it: production settings and log level (mail is the worker's, never sent here).
      NODE_ENV: 'production',
      MAIL_URL: 'smtp://127.0.0.1:2525',
      PORT: String(PORT),
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: config.REDIS_PREFIX,
      JWT_SECRET: config.jwtSecret,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let tries = 0; ; tries++) {
      if (
        await fetch(`${base}/health/live`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (tries > 200) throw new Error('the API did not start');
      await sleep(100);
    }
    const bodies = hostileBodies(ids.campId);
    const sizes = Object.fromEntries(
      Object.entries(bodies).map(([name, body]) => [name, Buffer.byteLength(JSON.stringify(body))]),
    );
    console.log(
      `Hostile input: ${HOSTILE_CONNECTIONS} connections for ${SECONDS} s; body bytes ${JSON.stringify(sizes)}`,
    );

    const quiet = await autocannon({ url: `${base}/health/live`, connections: 1, duration: 5 });
    const json = (token: string) => ({
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    });
    const statuses: Record<string, number> = {};
    const attack = (
      path: string,
      method: 'POST' | 'PUT',
      token: string,
      body: unknown,
      connections: number,
    ) =>
      autocannon({
        url: `${base}${path}`,
        method,
        headers: json(token),
        body: JSON.stringify(body),
        connections,
        duration: SECONDS,
      }).then((result) => {
        const counts = result.statusCodeStats as unknown as Record<string, { count: number }>;
        for (const [code, { count }] of Object.entries(counts)) statuses[`${method} ${path} ${code}`] = count;
        return result;
      });
    const [live, needs, profiles, oversized] = await Promise.all([
      autocannon({ url: `${base}/health/live`, connections: 1, duration: SECONDS }),
      attack('/api/v1/needs', 'POST', coordinator, bodies.need, HOSTILE_CONNECTIONS / 2),
      attack('/api/v1/me/volunteer-profile', 'PUT', volunteer, bodies.profile, HOSTILE_CONNECTIONS / 4),
      attack('/api/v1/me/volunteer-profile', 'PUT', volunteer, bodies.oversized, HOSTILE_CONNECTIONS / 4),
    ]);
    console.log(`  /health/live alone:        p50 ${quiet.latency.p50} ms  p99 ${quiet.latency.p99} ms`);
    console.log(
      `  /health/live under attack: p50 ${live.latency.p50} ms  p99 ${live.latency.p99} ms  max ${live.latency.max} ms  (target p99 < 100 ms)`,
    );
    for (const [name, result] of [
      ['largest needs', needs],
      ['largest profiles', profiles],
      ['oversized profiles', oversized],
    ] as const) {
      console.log(
        `  ${name.padEnd(20)} ${result.requests.average.toFixed(0).padStart(5)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${result.errors}`,
      );
    }
    console.log(`  answers: ${JSON.stringify(statuses)}`);
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await db.destroy();
    await dropTestResources(config);
  }
}
