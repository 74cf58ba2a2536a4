import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { AppConfig } from '@haven/core';
import { eventually } from './support/polling';
import { API_MAIN, Child, sparePort, startNode } from './support/processes';

/** The pids of a process's children (Linux: pgrep). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

/** The pids of the processes whose request log lines are in `output`. */
function pidsLogging(output: string): Set<number> {
  const pids = new Set<number>();
  for (const line of output.split('\n')) {
    if (!line.includes('/api/v1/tasks?limit=1')) continue;
    const pid = /"pid":(\d+)/.exec(line)?.[1];
    if (pid) pids.add(Number(pid));
  }
  return pids;
}

/**
 * API_PROCESSES (issue 14): the built API as `npm run start:api` runs it, in several processes
 * sharing one port; one that dies is replaced, and a signal stops them all.
 */
/** A connection the client keeps open, what came back on it, and a sign-in request to send on it. */
function keptAlive(port: number) {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const body = JSON.stringify({ email: 'nobody-at-all@example.org', password: 'a sturdy passphrase 42' });
  return {
    socket,
    received: () => received,
    signIn: () =>
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: haven.test\r\nConnection: keep-alive\r\n' +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  };
}

describe('the API in several processes (e2e)', () => {
  let config: AppConfig;
  const started: Child[] = [];

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npm run build first`);
    config = await createTestConfig();
  });

  afterAll(async () => {
    await Promise.all(started.map((child) => child.stop('SIGKILL')));
    await dropTestResources(config);
  });

  const start = (port: number, processes: string) => {
    const child = startNode('api-processes', API_MAIN, {
      PORT: String(port),
      API_PROCESSES: processes,
      NODE_ENV: 'test',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: config.REDIS_PREFIX,
      JWT_SECRET: config.jwtSecret,
      MAIL_URL: 'smtp://127.0.0.1:1',
      LOG_LEVEL: 'info',
    });
    started.push(child);
    return child;
  };

  /** One API process, once it answers. */
  const serving = async () => {
    const port = await sparePort();
    const api = start(port, '1');
    await eventually(
      () =>
        fetch(`http://127.0.0.1:${port}/health/live`).then(
          (r) => r.ok,
          () => false,
        ),
      'the API',
      { diagnostics: () => api.output() },
    );
    return { port, api };
  };

  it('serves from every process, replaces one that dies, and stops them all on SIGTERM', async () => {
    const port = await sparePort();
    const api = start(port, '2');
    const pid = api.process.pid as number;
    const live = () => fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.status);
    await eventually(
      async () => (await live().catch(() => 0)) === 200 && childrenOf(pid).length === 2,
      'two API processes',
      {
        diagnostics: () => api.output(),
      },
    );
    await eventually(() => api.output().includes('in 2 processes'), 'the one line saying where it listens', {
      diagnostics: () => api.output(),
    });
    // Written as the API processes write theirs: a JSON line (not a terminal here).
    const listening = api
      .output()
      .split('\n')
      .find((line) => line.includes('in 2 processes'));
    expect(JSON.parse(listening ?? '')).toMatchObject({ name: 'api', context: 'Haven', level: 30 });

    // Connections are handed to the processes in turn: both answer (each logs its own pid).
    const answered = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`http://127.0.0.1:${port}/api/v1/tasks?limit=1`, { headers: { connection: 'close' } }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(answered.every((status) => status === 401)).toBe(true);
    await eventually(() => pidsLogging(api.output()).size === 2, 'requests logged by both processes', {
      diagnostics: () => api.output(),
    });

    const [first, second] = childrenOf(pid);
    process.kill(first, 'SIGKILL');
    await eventually(
      () => {
        const now = childrenOf(pid);
        return now.length === 2 && !now.includes(first) && now.includes(second);
      },
      'a replacement for the process that died',
      { diagnostics: () => api.output() },
    );
    await eventually(async () => (await live().catch(() => 0)) === 200, 'answers after the replacement');
    expect(api.output()).toMatch(/API process \d+ ended \(SIGKILL\); starting another/);

    const workers = childrenOf(pid);
    await api.stop('SIGTERM');
    expect(await api.exited).toEqual({ code: 0, signal: null });
    for (const worker of workers) expect(() => process.kill(worker, 0)).toThrow();
  });

  it('writes the line of every request it answered before a SIGTERM stopped it', async () => {
    const { port, api } = await serving();
    // 150 lines of about 250 bytes: within the 64 KiB of output a Child keeps.
    const urls = Array.from({ length: 150 }, (_, n) => `/api/v1/tasks?limit=1&n=${n}`);
    // The signal comes while most of them are still being answered: those answered meanwhile have
    // lines still waiting in the process (batched per turn, written asynchronously), which must be
    // written on the way out.
    let stopping: Promise<unknown> | undefined;
    const answered = await Promise.all(
      urls.map((url) =>
        fetch(`http://127.0.0.1:${port}${url}`).then(
          () => {
            stopping ??= api.stop('SIGTERM');
            // Answered (401) or, once the close began, refused (503): either way it has its line.
            return url;
          },
          () => undefined, // refused once the server closed
        ),
      ),
    );
    await stopping;
    expect(await api.exited).toEqual({ code: 0, signal: null });
    const logged = new Set(
      api
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{') && /"request (completed|refused|aborted)"/.test(line))
        .map((line) => (JSON.parse(line) as { req: { url: string } }).req.url),
    );
    const lost = answered.filter((url) => url !== undefined && !logged.has(url));
    expect(lost).toEqual([]);
    expect(answered.filter(Boolean).length).toBeGreaterThan(1);
  });

  it('ends on SIGTERM once a keep-alive connection busy at that moment has its answer', async () => {
    const { port, api } = await serving();
    // A sign-in (its password check takes a while) on a connection the client keeps open.
    const connection = keptAlive(port);
    connection.socket.write(connection.signIn());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const signalled = Date.now();
    // Within the grace, or Child.stop kills it and the exit below says SIGKILL.
    await api.stop('SIGTERM', 8_000);
    expect(await api.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 401 /);
    connection.socket.destroy();
  });

  it('refuses a request that comes on a kept-alive connection while it closes, as problem+json with its line', async () => {
    const { port, api } = await serving();
    const { socket, signIn, received } = keptAlive(port);
    const socketClosed = new Promise((resolve) => socket.on('close', resolve));
    // A sign-in whose body has not all come yet: the connection is busy, so the close keeps it open.
    const request = signIn();
    const split = request.length - 10;
    socket.write(request.slice(0, split));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = api.stop('SIGTERM', 8_000);
    // The close has begun once the API takes no new connection.
    await eventually(
      () =>
        new Promise<boolean>((resolve) => {
          const probe = connect(port, '127.0.0.1');
          probe.once('connect', () => (probe.destroy(), resolve(false)));
          probe.once('error', () => resolve(true));
        }),
      'the API closing',
    );
    // The rest of the sign-in, then another request on the same connection.
    socket.write(
      request.slice(split) + 'GET /api/v1/tasks?limit=1&while=closing HTTP/1.1\r\nHost: haven.test\r\n\r\n',
    );
    await socketClosed;
    await stopped;
    expect(await api.exited).toEqual({ code: 0, signal: null });

    const [signInAnswer, refusal] = received().split(/(?=HTTP\/1\.1 )/);
    expect(signInAnswer).toMatch(/^HTTP\/1\.1 401 /);
    expect(refusal).toMatch(/^HTTP\/1\.1 503 /);
    for (const header of [
      /^content-type: application\/problem\+json/im,
      /^retry-after: 5\r$/im,
      /^connection: close\r$/im,
      /^content-security-policy: default-src 'none'; frame-ancestors 'none'\r$/im,
      /^x-content-type-options: nosniff\r$/im,
    ]) {
      expect(refusal).toMatch(header);
    }
    expect(JSON.parse(refusal.slice(refusal.indexOf('\r\n\r\n') + 4))).toMatchObject({
      type: 'urn:haven:problem:unavailable',
      status: 503,
    });
    const line = api
      .output()
      .split('\n')
      .find((entry) => entry.includes('while=closing'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      level: 30,
      msg: 'request refused',
      res: { statusCode: 503 },
    });
    socket.destroy();
  });

  it('stops at once on SIGTERM while its processes are still starting', async () => {
    const api = start(await sparePort(), '2');
    const pid = api.process.pid as number;
    await eventually(() => childrenOf(pid).length === 2, 'two API processes forked', {
      diagnostics: () => api.output(),
    });
    const starting = childrenOf(pid);
    await api.stop('SIGTERM');
    expect(await api.exited).toEqual({ code: 0, signal: null });
    expect(api.output()).not.toMatch(/listening on/);
    for (const worker of starting) expect(() => process.kill(worker, 0)).toThrow();
  });

  it('stops with an error when its processes cannot start', async () => {
    // A port already taken: every process fails to listen, and the API exits as one process would.
    const { port, api: holder } = await serving();
    const second = start(port, '2');
    const exit = await second.exited;
    expect({ code: exit.code }).toEqual({ code: 1 });
    expect(second.output()).toMatch(/failed to start/);
    expect(childrenOf(second.process.pid as number)).toEqual([]);
    await holder.stop('SIGTERM');
  });
});
