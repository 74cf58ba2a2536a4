import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig, Migrations, prepareDatabase } from '@haven/core';
import { TEST_SERVER_URL } from './test-servers';

/**
 * Test databases are copies of one migrated template: migrating from scratch costs seconds per suite,
 * `CREATE DATABASE ... TEMPLATE` a fraction of that. The template's name holds a hash of the
 * migrations' names and code, so a changed or added migration makes a new template and two branches
 * sharing a server never use each other's. It is built under an advisory lock (parallel jest workers
 * and concurrent runs build it once), under a temporary name renamed only when complete (a run killed
 * half-way leaves no half-migrated template), and then closed to connections, because PostgreSQL
 * refuses to copy a database somebody is connected to.
 */
const TEMPLATE_LOCK = 4_815_162_343;
const SOURCE_IN_USE = '55006';

export function templateName(migrations: Migrations): string {
  const hash = createHash('sha256');
  for (const migration of migrations as (string | ((...args: never[]) => unknown))[]) {
    hash.update(typeof migration === 'string' ? migration : `${migration.name}\n${migration.toString()}\n`);
  }
  return `haven_template_${hash.digest('hex').slice(0, 16)}`;
}

async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Returns the name of the migrated template for these migrations, building it the first time. */
export async function ensureTemplate(migrations: Migrations): Promise<string> {
  const name = templateName(migrations);
  const exists = async (client: Client) =>
    Boolean((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
  return withServer(async (client) => {
    if (await exists(client)) return name;
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      if (await exists(client)) return name;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS ${quoted(building)} WITH (FORCE)`);
      const url = new URL(TEST_SERVER_URL);
      url.pathname = `/${building}`;
      await prepareDatabase(
        loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url.toString() }),
        migrations,
      );
      await client.query(`ALTER DATABASE ${quoted(building)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      await whileInUse(() => client.query(`ALTER DATABASE ${quoted(building)} RENAME TO ${quoted(name)}`));
      return name;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
    }
  });
}

/** Creates `database` as a copy of the template, retrying while another session briefly holds it. */
export async function createFromTemplate(database: string, template: string): Promise<void> {
  await withServer((client) =>
    whileInUse(() => client.query(`CREATE DATABASE ${quoted(database)} TEMPLATE ${quoted(template)}`)),
  );
}

/**
 * Retries `work` while PostgreSQL says a database it needs is in use: a session that just closed may
 * not have left yet, and autovacuum may be visiting.
 */
async function whileInUse(work: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== SOURCE_IN_USE || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
