import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppConfig } from '@haven/core';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { eventually } from './support/polling';
import { Child, startWorker, WORKER_MAIN } from './support/processes';

const run = promisify(execFile);
const HEALTHCHECK = join(__dirname, '..', 'dist', 'apps', 'worker', 'src', 'healthcheck.js');

/**
 * The worker container's health check: the worker touches its liveness file while PostgreSQL and
 * Redis answer and its queue consumers run; `node healthcheck.js` fails once the file is missing or
 * stale.
 */
describe('worker health check (e2e)', () => {
  let config: AppConfig;
  let dir: string;
  let worker: Child | undefined;

  beforeAll(async () => {
    for (const file of [WORKER_MAIN, HEALTHCHECK])
      if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first (npm test does)`);
    config = await createTestConfig();
    dir = mkdtempSync(join(tmpdir(), 'haven-liveness-'));
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await dropTestResources(config);
    rmSync(dir, { recursive: true, force: true });
  });

  async function healthcheck(file: string): Promise<{ code: number; stderr: string }> {
    try {
      await run(process.execPath, [HEALTHCHECK], { env: { WORKER_LIVENESS_FILE: file } });
      return { code: 0, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, stderr: failed.stderr };
    }
  }

  it('is healthy while the worker reaches its servers, and not once it has stopped', async () => {
    const file = join(dir, 'worker.alive');
    expect(await healthcheck(file)).toEqual({ code: 1, stderr: expect.stringContaining('is missing') });

    worker = startWorker('worker', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: config.REDIS_PREFIX,
      WORKER_LIVENESS_FILE: file,
      // Above the test runner's own niceness, so that the worker must have set it.
      WORKER_NICENESS: '12',
    });
    await eventually(() => existsSync(file), 'the worker to write its liveness file', {
      diagnostics: () => worker?.output() ?? '',
    });
    expect(await healthcheck(file)).toEqual({ code: 0, stderr: '' });
    // It yields the CPU to the API (WORKER_NICENESS): every thread, as Linux /proc shows them.
    const tasks = readdirSync(`/proc/${worker.process.pid}/task`);
    const niceness = tasks.map((task) =>
      Number(
        readFileSync(`/proc/${worker?.process.pid}/task/${task}/stat`, 'utf8').split(') ')[1].split(' ')[16],
      ),
    );
    expect(tasks.length).toBeGreaterThan(1);
    expect(niceness).toEqual(tasks.map(() => 12));

    // Graceful stop: the file goes with the process.
    await worker.stop('SIGTERM');
    expect(existsSync(file)).toBe(false);
    expect((await healthcheck(file)).code).toBe(1);
  });
});
