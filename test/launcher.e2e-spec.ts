import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '@haven/core';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { CLI_MAIN, Child, listening, sparePort, startNode, waitFor } from './support/processes';

/**
 * `npm start` on a fresh machine: the launcher (`haven start`) starts an embedded PostgreSQL and a
 * local redis-server when the URLs name this machine and nothing answers, migrates, runs the API
 * and worker, and stops all of it on SIGTERM. Run here on spare ports and a private state folder,
 * so it never meets the shared servers or a developer's own var/.
 */
describe('the launcher (e2e)', () => {
  let varDir: string;
  const launched: Child[] = [];

  beforeAll(() => {
    if (!existsSync(CLI_MAIN))
      throw new Error(`${CLI_MAIN} is missing: run npm run build first (npm test does)`);
    varDir = mkdtempSync(join(tmpdir(), 'haven-launcher-'));
    // PostgreSQL runs as the postgres user when the tests run as root: it must reach the folder.
    chmodSync(varDir, 0o755);
  });

  afterAll(async () => {
    for (const child of launched) await child.stop('SIGTERM', 30_000);
    rmSync(varDir, { recursive: true, force: true });
  });

  async function launch(env: Record<string, string>): Promise<Child> {
    const child = startNode('haven start', CLI_MAIN, { NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env }, [
      'start',
    ]);
    launched.push(child);
    return child;
  }

  async function appliedMigrations(databaseUrl: string): Promise<number> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM migrations')).rows[0].n);
    } finally {
      await client.end();
    }
  }

  it('starts an embedded PostgreSQL and a redis-server, migrates, serves, and stops them on exit', async () => {
    const [pgPort, redisPort, apiPort] = [await sparePort(), await sparePort(), await sparePort()];
    const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/haven`;
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      HAVEN_VAR_DIR: varDir,
      PORT: String(apiPort),
    };

    for (const round of ['first start (initdb)', 'second start (kept data)']) {
      const haven = await launch(env);
      await waitFor(
        `Haven to be ready on the ${round}`,
        async () => {
          if (!haven.running) throw new Error(`the launcher exited\n${haven.output()}`);
          return (await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).status === 200;
        },
        { timeoutMs: 120_000, diagnostics: () => haven.output() },
      );
      expect(haven.output()).toContain(`embedded PostgreSQL on port ${pgPort}`);
      expect(haven.output()).toContain(`redis-server on port ${redisPort}`);
      expect(await appliedMigrations(databaseUrl)).toBeGreaterThan(0);
      expect(haven.output()).toContain(
        round.startsWith('first') ? 'applied migrations:' : 'the schema is up to date',
      );
      expect(existsSync(join(varDir, 'postgres', 'PG_VERSION'))).toBe(true);

      await haven.stop('SIGTERM', 60_000);
      expect((await haven.exited).code).toBe(0);
      expect(haven.output()).toContain('stopped the embedded PostgreSQL');
      expect(haven.output()).toContain('stopped redis-server');
      expect(await listening(pgPort)).toBe(false);
      expect(await listening(redisPort)).toBe(false);
      expect(await listening(apiPort)).toBe(false);
    }
  }, 300_000);

  describe('with the shared servers', () => {
    let config: AppConfig;
    beforeAll(async () => {
      config = await createTestConfig();
    });
    afterAll(() => dropTestResources(config));

    it('stops with one message naming the ways to get Redis when none answers and none is installed', async () => {
      const redisPort = await sparePort();
      const emptyPath = mkdtempSync(join(tmpdir(), 'haven-no-redis-'));
      try {
        const haven = await launch({
          PATH: emptyPath,
          DATABASE_URL: config.DATABASE_URL,
          REDIS_URL: `redis://127.0.0.1:${redisPort}`,
          HAVEN_VAR_DIR: varDir,
          PORT: String(await sparePort()),
        });
        expect((await haven.exited).code).toBe(1);
        const output = haven.output();
        expect(output).toContain(`Redis is not answering at redis://127.0.0.1:${redisPort}`);
        expect(output).toContain('apt-get install redis-server');
        expect(output).toContain('docker compose up');
        expect(output).not.toContain('embedded PostgreSQL');
        expect(output).not.toMatch(/\n\s+at /); // no stack trace
      } finally {
        rmSync(emptyPath, { recursive: true, force: true });
      }
    });
  });
});
