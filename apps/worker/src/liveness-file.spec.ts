import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIVENESS_MAX_AGE_MS, livenessFile, livenessProblem } from './liveness-file';

describe('worker liveness file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'haven-liveness-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is healthy when fresh, and names the cause when missing or stale', () => {
    const file = join(dir, 'alive');
    expect(livenessProblem(file)).toMatch(/is missing/);
    writeFileSync(file, 'now');
    expect(livenessProblem(file)).toBeNull();
    const past = new Date(Date.now() - LIVENESS_MAX_AGE_MS - 1_000);
    utimesSync(file, past, past);
    expect(livenessProblem(file)).toMatch(/s old: the worker cannot reach PostgreSQL or Redis/);
  });

  it('lives where WORKER_LIVENESS_FILE says, else in the temporary folder', () => {
    expect(livenessFile({ WORKER_LIVENESS_FILE: '/x/alive' })).toBe('/x/alive');
    expect(livenessFile({})).toBe(join(tmpdir(), 'haven-worker.alive'));
  });
});
