import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalTarget, waitUntilAnswers } from './local-services';

/** Whether a redis-server is on the PATH. */
export function redisServerInstalled(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

export interface LocalRedis {
  stop(): Promise<void>;
}

/**
 * Starts the installed redis-server on the given port, listening on this machine only, with its
 * append-only file in `var/redis` so queued jobs survive a restart of Haven.
 */
export async function startLocalRedis(target: LocalTarget, stateDir: string): Promise<LocalRedis> {
  const dir = join(stateDir, 'redis');
  mkdirSync(dir, { recursive: true });
  let output = '';
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(target.port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    // A process group of its own: a Ctrl-C at the terminal reaches the API and the worker, not the
    // Redis they still use; the launcher stops it after them.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const onExit = () => {
    if (running()) child.kill('SIGTERM');
  };
  process.once('exit', onExit);
  try {
    await waitUntilAnswers(target, 'redis-server', 15_000, running);
  } catch (error) {
    if (running()) child.kill('SIGKILL');
    process.removeListener('exit', onExit);
    throw new Error(`${(error as Error).message}\n${output.trim()}`);
  }
  return {
    stop: async () => {
      process.removeListener('exit', onExit);
      if (!running()) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
