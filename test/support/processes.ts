import { ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from './polling';

/**
 * Child processes and servers for fault tests: a private redis-server that can be stopped and
 * started again, and worker processes that can be killed (mail-capture.ts has the SMTP server).
 * Every child is registered so that it is killed when the test process exits, however it exits.
 */

const ROOT = join(__dirname, '..', '..');
export const WORKER_MAIN = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A TCP port nobody listens on right now. */
export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A child process whose output is kept (the last 64 KiB) for diagnostics. */
export class Child {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private log = '';

  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    live.add(process);
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-65_536);
    };
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        live.delete(process);
        resolve({ code, signal });
      });
    });
    process.once('error', (error) => {
      this.log += `\n[spawn error] ${error.message}`;
      live.delete(process);
    });
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  output(): string {
    return `--- ${this.name} (pid ${this.process.pid}) output ---\n${this.log || '(none)'}`;
  }

  /** Sends the signal and waits for the process to exit; SIGKILL if it has not after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGKILL', graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.process.kill(signal);
    const grace = new AbortController();
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      sleep(graceMs, true, { signal: grace.signal }).catch(() => false),
    ]);
    grace.abort();
    if (timedOut) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** A private redis-server without persistence: stopping it loses every key, as a crash would. */
export class RedisProcess {
  private child: Child | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child?.running ?? false;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const child = new Child(
      `redis-server :${this.port}`,
      spawn(
        'redis-server',
        ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    );
    this.child = child;
    await eventually(() => {
      if (!child.running) throw new Error(`redis-server exited\n${child.output()}`);
      return child.output().includes('Ready to accept connections');
    }, 'redis-server to accept connections');
  }

  /** Kills the server outright (SIGKILL), as a crash or a lost host would. */
  async kill(): Promise<void> {
    await this.child?.stop('SIGKILL');
  }

  output(): string {
    return this.child?.output() ?? '';
  }
}

/** Starts `node dist/apps/worker/src/main.js` with exactly the given environment (plus PATH). */
export function startWorker(name: string, env: Record<string, string>): Child {
  return new Child(
    name,
    spawn(process.execPath, [WORKER_MAIN], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const CLI_MAIN = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

/** Starts a built entry point (`node dist/...`) with exactly the given environment (plus PATH unless given). */
export function startNode(
  name: string,
  main: string,
  env: Record<string, string>,
  args: string[] = [],
): Child {
  return new Child(
    name,
    spawn(process.execPath, [main, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Whether something accepts TCP connections on 127.0.0.1:port right now. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
