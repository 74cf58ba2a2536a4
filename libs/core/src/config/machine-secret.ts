import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The file, in the machine's state folder, that holds the development signing key. */
export const MACHINE_SECRET_FILE = 'jwt-secret';

/**
 * The project's root: the nearest folder above this file with Haven's package.json (the source tree
 * under ts-jest, dist/ when built, /app in the image), or null when Haven runs from elsewhere.
 */
export function projectRoot(from = __dirname): string | null {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'haven') return dir;
      } catch {
        // not Haven's manifest; keep looking
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder for this machine's development state (the shared signing key, the embedded
 * PostgreSQL's data): HAVEN_VAR_DIR when given, else the project's git-ignored var/, else the
 * user's config folder when the project is read-only.
 */
export function machineStateDir(configured = ''): string {
  if (configured) return resolve(configured);
  const root = projectRoot();
  if (root && writable(join(root, 'var'))) return join(root, 'var');
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'haven');
}

function readSecret(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (text.length < 32) {
    throw new Error(`${file} holds no usable key (under 32 characters): delete it and start again`);
  }
  // Only its owner may read it, whoever created it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return text;
}

/**
 * One signing key per machine outside production, shared by every process and kept across
 * restarts, so a token from one API process is accepted by another. The key is written to a
 * private temporary file and hard-linked into place: the link either creates the final file whole
 * or fails because another process got there first, in which case both use the winner's key.
 */
export function machineSecret(dir: string): string {
  const file = join(dir, MACHINE_SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const temporary = join(dir, `.${MACHINE_SECRET_FILE}.${process.pid}.${randomBytes(6).toString('hex')}`);
  writeFileSync(temporary, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      // A file system without hard links: an exclusive create is the next best thing.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      try {
        writeFileSync(file, readFileSync(temporary), { mode: 0o600, flag: 'wx' });
      } catch (fallback) {
        if ((fallback as NodeJS.ErrnoException).code !== 'EEXIST') throw fallback;
      }
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file} vanished while it was being created`);
  return secret;
}
