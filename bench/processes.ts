/* Processes of the benchmarks: the built API and worker as `npm start` runs them, the bare baseline,
   and autocannon as its own load-generating process. */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '@haven/core';

const DIST = join(__dirname, '..');
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

export interface Started {
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

/** The production environment of a Haven process against the benchmark's database and Redis. */
export function productionEnv(config: AppConfig, extra: Record<string, string> = {}) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    MAIL_URL: 'smtp://127.0.0.1:2525',
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    JWT_SECRET: config.jwtSecret,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
    // As production is advised to run it: one API process per core (BENCH_API_PROCESSES overrides).
    API_PROCESSES: process.env.BENCH_API_PROCESSES ?? String(availableParallelism()),
    ...extra,
  };
}

async function waitFor(url: string) {
  for (let tries = 0; ; tries++) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    if (tries > 300) throw new Error(`${url} did not answer`);
    await sleep(100);
  }
}

/** Starts a built entry point (relative to dist/) and waits until `probe` answers. */
export async function startProcess(
  entry: string,
  env: NodeJS.ProcessEnv,
  port: number | null,
  probe = '/health/live',
): Promise<Started> {
  const child = spawn(process.execPath, [join(DIST, entry)], {
    env: { ...env, ...(port ? { PORT: String(port) } : {}) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = port ? `http://127.0.0.1:${port}` : '';
  if (port) await waitFor(`${base}${probe}`);
  return {
    child,
    base,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** A process and its children (the API's processes under API_PROCESSES), from Linux /proc. */
function withChildren(pid: number | undefined): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean);
    return [pid as number, ...children.map(Number)];
  } catch {
    return pid === undefined ? [] : [pid];
  }
}

/** Resident memory of a process and its children in MiB (Linux /proc). */
export function residentMiB(child: ChildProcess): number {
  let kb = 0;
  for (const pid of withChildren(child.pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // a process that ended meanwhile
    }
  }
  return Math.round(kb / 1024);
}

/**
 * CPU time (user + system) a process and its children have used, in ms, from /proc (clock ticks
 * of 10 ms). On a shared machine throughput is noise; the CPU a request costs is not.
 */
export function cpuMs(pid: number | undefined): number {
  return withChildren(pid).reduce((sum, one) => sum + ownCpuMs(one), 0);
}

function ownCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0; // a backend that ended meanwhile
  }
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Requests answered in all. */
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Runs autocannon in its own process and returns its figures. */
export function load(
  url: string,
  { connections = 64, seconds = 10, headers = {} as Record<string, string> } = {},
): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const result = JSON.parse(stdout);
      resolve({
        requestsPerSecond: result.requests.average,
        total: result.requests.total,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    });
  });
}
