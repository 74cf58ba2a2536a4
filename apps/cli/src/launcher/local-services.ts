import { connect } from 'node:net';

/** Where a PostgreSQL or Redis URL points, when it is one this machine could serve itself. */
export interface LocalTarget {
  host: string;
  port: number;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A DATABASE_URL that an embedded PostgreSQL can stand in for: the default one, or the same with
 * another port or database (postgres://postgres@127.0.0.1:PORT/NAME) — this machine, the postgres
 * user, no password. Anything else names a server the operator chose, and is never replaced.
 */
export function embeddablePostgres(databaseUrl: string): LocalTarget | null {
  const url = new URL(databaseUrl);
  if (!LOCAL_HOSTS.has(url.hostname) || url.password || decodeURIComponent(url.username) !== 'postgres') {
    return null;
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 5432) };
}

/** A REDIS_URL on this machine without a password or TLS, which a local redis-server can serve. */
export function startableRedis(redisUrl: string): LocalTarget | null {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' || !LOCAL_HOSTS.has(url.hostname) || url.password || url.username)
    return null;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 6379) };
}

/** Whether something accepts TCP connections at host:port (within `timeoutMs`). */
export function answers({ host, port }: LocalTarget, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until host:port answers, or throws after `timeoutMs`. */
export async function waitUntilAnswers(
  target: LocalTarget,
  what: string,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(target, 500))) {
    if (!alive()) throw new Error(`${what} exited before it answered on port ${target.port}`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer on port ${target.port} in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The one message for a machine with no Redis: every way to get one. */
export function noRedisMessage(redisUrl: string): string {
  return [
    `Redis is not answering at ${redisUrl}, and no redis-server is installed to start one.`,
    'Get one of these, then run npm start again:',
    '  - from the system package manager: sudo apt-get install redis-server (Debian, Ubuntu),',
    '    sudo dnf install redis (Fedora), brew install redis (macOS);',
    '  - with Docker: docker compose up (all of Haven in containers), or Redis alone for npm start:',
    '    docker run -d --name haven-redis -p 127.0.0.1:6379:6379 redis:7.4.1-bookworm;',
    '  - or set REDIS_URL to a Redis you already have.',
  ].join('\n');
}
