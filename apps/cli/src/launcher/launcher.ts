import { ChildProcess, spawn } from 'node:child_process';
import { isAbsolute, join, relative } from 'node:path';
import { AppConfig, loadConfig, machineStateDir, prepareDatabase } from '@haven/core';
import { migrations } from '@haven/migrations';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startLocalRedis, redisServerInstalled } from './local-redis';
import { answers, embeddablePostgres, noRedisMessage, startableRedis } from './local-services';

/** A problem the person at the terminal can fix; printed alone, without a stack. */
export class LaunchError extends Error {}

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

const DIST = join(__dirname, '..', '..', '..');
const PROCESSES = [
  { name: 'api', main: join(DIST, 'api', 'src', 'main.js') },
  { name: 'worker', main: join(DIST, 'worker', 'src', 'main.js') },
];

/** A path as a person reads it: relative inside the current folder, absolute outside it. */
function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

function say(message: string): void {
  console.log(`[haven] ${message}`);
}

/**
 * `npm start`: makes sure PostgreSQL and Redis answer (starting an embedded PostgreSQL and a local
 * redis-server when the URLs are this machine's defaults and nothing answers), applies the
 * migrations, then runs the API and the worker until one of them exits or the launcher is told to
 * stop; then it stops, in order, everything it started. Resolves with the exit code.
 */
export async function launch(): Promise<number> {
  const config = loadConfig();
  const services: Stoppable[] = [];
  const children: ChildProcess[] = [];
  let stopping: Promise<number> | null = null;

  const stopAll = (code: number): Promise<number> => {
    stopping ??= (async () => {
      await Promise.all(children.map((child) => stopChild(child)));
      for (const service of services.reverse()) {
        await service.stop().catch((error: unknown) => say(`stopping ${service.name}: ${String(error)}`));
        say(`stopped ${service.name}`);
      }
      return code;
    })();
    return stopping;
  };
  let signalled: ((code: number) => void) | null = null;
  const signalledPromise = new Promise<number>((resolve) => (signalled = resolve));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      say(`${signal}: stopping`);
      signalled?.(0);
    });
  }

  try {
    await ensureServices(config, services);
    const applied = await prepareDatabase(config, migrations);
    say(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'the schema is up to date');
  } catch (error) {
    await stopAll(1);
    throw error;
  }

  const firstExit = new Promise<number>((resolve) => {
    for (const { name, main } of PROCESSES) {
      // The children share this terminal: pretty logs when it is one, JSON lines otherwise.
      const child = spawn(process.execPath, [main], { stdio: 'inherit', env: process.env });
      children.push(child);
      child.once('exit', (code, signal) => {
        if (stopping) return;
        say(`${name} exited (${signal ?? `code ${code}`}); stopping the rest`);
        resolve(code === 0 || code === null ? 1 : code);
      });
    }
  });
  return stopAll(await Promise.race([firstExit, signalledPromise]));
}

async function ensureServices(config: AppConfig, services: Stoppable[]): Promise<void> {
  const stateDir = machineStateDir(config.HAVEN_VAR_DIR);
  const postgres = embeddablePostgres(config.DATABASE_URL);
  const redis = startableRedis(config.REDIS_URL);
  const needPostgres = postgres !== null && !(await answers(postgres));
  const needRedis = redis !== null && !(await answers(redis));
  // Decide everything before starting anything, so a missing Redis does not leave a database running.
  if (needRedis && !redisServerInstalled()) throw new LaunchError(noRedisMessage(config.REDIS_URL));

  if (needPostgres && postgres) {
    say(`nothing answers at ${postgres.host}:${postgres.port}; starting the embedded PostgreSQL`);
    const embedded = await startEmbeddedPostgres(postgres, stateDir);
    services.push({ name: 'the embedded PostgreSQL', stop: embedded.stop });
    if (embedded.note) say(embedded.note);
    say(`embedded PostgreSQL on port ${postgres.port}, data in ${shown(embedded.dataDir)}`);
  }
  if (needRedis && redis) {
    say(`nothing answers at ${redis.host}:${redis.port}; starting redis-server`);
    const local = await startLocalRedis(redis, stateDir);
    services.push({ name: 'redis-server', stop: local.stop });
    say(`redis-server on port ${redis.port}, data in ${shown(join(stateDir, 'redis'))}`);
  }
}

async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
