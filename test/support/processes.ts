import { ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';

/**
 * Child processes and servers for fault tests: a private redis-server that can be stopped and
 * started again, worker processes that can be killed, and an SMTP server that captures mail.
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

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  {
    timeoutMs = 30_000,
    intervalMs = 100,
    diagnostics,
  }: { timeoutMs?: number; intervalMs?: number; diagnostics?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const cause = last instanceof Error ? ` (last error: ${last.message})` : '';
      const extra = diagnostics ? `\n${diagnostics()}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}${extra}`);
    }
    await sleep(intervalMs);
  }
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
    await waitFor('redis-server to accept connections', () => {
      if (!child.running) throw new Error(`redis-server exited\n${child.output()}`);
      return child.output().includes('Ready to accept connections');
    });
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

export interface CapturedMail {
  /** The Message-ID header, unique per send. */
  messageId: string;
  subject: string;
  /** Envelope recipients. */
  to: string[];
}

export interface SmtpCapture {
  url: string;
  messages: CapturedMail[];
  /** Called after a message was accepted (the 250 reply handed to the socket). */
  onAccepted: ((mail: CapturedMail, count: number) => void) | null;
  close(): Promise<void>;
}

function header(head: string, name: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1].trim() : '';
}

/** An SMTP server on a spare port that accepts and records every message. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const capture: SmtpCapture = {
    url: '',
    messages: [],
    onAccepted: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split(/\r?\n\r?\n/, 1)[0];
        const mail: CapturedMail = {
          messageId: header(head, 'Message-ID'),
          subject: header(head, 'Subject'),
          to: session.envelope.rcptTo.map((address) => address.address.toLowerCase()),
        };
        capture.messages.push(mail);
        callback();
        capture.onAccepted?.(mail, capture.messages.length);
      });
    },
  });
  // A client killed mid-conversation resets its connection; that is expected here.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  capture.url = `smtp://127.0.0.1:${port}`;
  return capture;
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
