import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Kept free of Nest and database imports: the container health check loads only this file.

/** Where the worker records that it is alive: WORKER_LIVENESS_FILE, else a file in the temp folder. */
export function livenessFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.WORKER_LIVENESS_FILE || join(tmpdir(), 'haven-worker.alive');
}

export const LIVENESS_EVERY_MS = 10_000;
/** The health check fails once the file is older than this: three missed beats. */
export const LIVENESS_MAX_AGE_MS = 3 * LIVENESS_EVERY_MS + 5_000;

/** Why the worker is not healthy, or null when its file was touched recently enough. */
export function livenessProblem(
  file: string,
  now = Date.now(),
  maxAgeMs = LIVENESS_MAX_AGE_MS,
): string | null {
  let touched: number;
  try {
    touched = statSync(file).mtimeMs;
  } catch {
    return `${file} is missing: the worker is not running or has not yet reached PostgreSQL and Redis`;
  }
  const age = now - touched;
  return age > maxAgeMs
    ? `${file} is ${Math.round(age / 1000)} s old: the worker cannot reach PostgreSQL or Redis, or its queue consumers stopped`
    : null;
}
