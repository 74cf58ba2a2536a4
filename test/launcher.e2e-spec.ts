import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { AppConfig } from '@haven/core';
import { createTestConfig, dropTestResources, TEST_REDIS_URL } from '@haven/testing';
import { eventually } from './support/polling';
import { CLI_MAIN, Child, listening, sparePort, startNode } from './support/processes';

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

  /** Runs `haven start`; in a process group of its own, as a terminal runs it, when `ownGroup`. */
  async function launch(env: Record<string, string>, ownGroup = false): Promise<Child> {
    const fullEnv = { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env };
    const child = ownGroup
      ? new Child(
          'haven start',
          spawn(process.execPath, [CLI_MAIN, 'start'], {
            env: fullEnv,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
        )
      : startNode('haven start', CLI_MAIN, fullEnv, ['start']);
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
      const ctrlC = round.startsWith('second');
      const haven = await launch(env, ctrlC);
      await eventually(
        async () => {
          if (!haven.running) throw new Error(`the launcher exited\n${haven.output()}`);
          return (await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).status === 200;
        },
        `Haven to be ready on the ${round}`,
        { timeoutMs: 120_000, diagnostics: () => haven.output() },
      );
      expect(haven.output()).toContain(`embedded PostgreSQL on port ${pgPort}`);
      expect(haven.output()).toContain(`redis-server on port ${redisPort}`);
      expect(await appliedMigrations(databaseUrl)).toBeGreaterThan(0);
      expect(haven.output()).toContain(
        round.startsWith('first') ? 'applied migrations:' : 'the schema is up to date',
      );
      expect(existsSync(join(varDir, 'postgres', 'PG_VERSION'))).toBe(true);

      if (ctrlC) {
        // Ctrl-C at a terminal: SIGINT to the whole process group, the API and worker included.
        // They stop first, while the database and Redis they use still answer.
        process.kill(-(haven.process.pid as number), 'SIGINT');
      } else {
        haven.process.kill('SIGTERM');
      }
      expect((await haven.exited).code).toBe(0);
      expect(haven.output()).not.toMatch(
        /ECONNREFUSED|Connection terminated|the database system is shutting down/,
      );
      expect(haven.output()).toContain('stopped the embedded PostgreSQL');
      expect(haven.output()).toContain('stopped redis-server');
      expect(await listening(pgPort)).toBe(false);
      expect(await listening(redisPort)).toBe(false);
      expect(await listening(apiPort)).toBe(false);
    }
  }, 300_000);

  it('keeps the data where the postgres user can reach it when the state folder is private', async () => {
    // A project under a private home folder (/root): PostgreSQL, which never runs as root, could not
    // reach var/postgres there.
    const privateDir = mkdtempSync(join(tmpdir(), 'haven-private-'));
    const prefix = `haven_launcher_${process.pid}`;
    chmodSync(privateDir, 0o700);
    const [pgPort, apiPort] = [await sparePort(), await sparePort()];
    const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/haven`;
    const haven = await launch({
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      HAVEN_VAR_DIR: privateDir,
      PORT: String(apiPort),
    });
    let dataDir = join(privateDir, 'postgres');
    try {
      await eventually(
        async () => {
          if (!haven.running) throw new Error(`the launcher exited\n${haven.output()}`);
          return (await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).status === 200;
        },
        'Haven to be ready',
        { timeoutMs: 120_000, diagnostics: () => haven.output() },
      );
      if (userInfo().uid === 0) {
        const moved = /the data lives in (\S+)/.exec(haven.output());
        expect(moved).not.toBeNull();
        dataDir = (moved as RegExpExecArray)[1];
        expect(dataDir).not.toContain(privateDir);
      }
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(await appliedMigrations(databaseUrl)).toBeGreaterThan(0);
      await haven.stop('SIGTERM', 60_000);
      expect((await haven.exited).code).toBe(0);
      expect(await listening(pgPort)).toBe(false);
    } finally {
      await haven.stop('SIGKILL');
      rmSync(privateDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
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
