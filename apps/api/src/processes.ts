import { Logger, LoggerService } from '@nestjs/common';
import cluster from 'node:cluster';
import pino from 'pino';
import { AppConfig, prettyTransport } from '@haven/core';

/**
 * The supervising process's log lines, as the API processes write theirs (JSON lines, or readable
 * ones at a terminal in development): it runs no application, so Nest's own console logger would
 * otherwise write them in another format.
 */
export function useSupervisorLogger(config: AppConfig): void {
  const log = pino({ name: 'api', level: config.LOG_LEVEL, transport: prettyTransport(config, 'api') });
  const at = (level: 'info' | 'error' | 'warn' | 'debug' | 'trace') => (message: unknown, context?: string) =>
    log[level]({ context }, String(message));
  const logger: LoggerService = {
    log: at('info'),
    error: at('error'),
    warn: at('warn'),
    debug: at('debug'),
    verbose: at('trace'),
  };
  Logger.overrideLogger(logger);
}

/**
 * Runs the API in `count` processes sharing one port (node:cluster), so that it uses the machine's
 * cores (API_PROCESSES; issue 14). Every process holds only what PostgreSQL and Redis make exact
 * across processes (rate limits, account states, cached browse answers), as replicas on several
 * machines do. A process that dies after it was serving is replaced; one that fails to start stops
 * them all with its exit code, as a single process would. SIGTERM or SIGINT stops them all, each
 * serving one closing as a single process does.
 */
export function superviseApiProcesses(count: number, onListening: () => void): void {
  const logger = new Logger('Haven');
  const serving = new Set<number>();
  let stopping = false;
  let exitCode = 0;

  // A process still starting holds no request to finish, and may not yet close on SIGTERM (its
  // modules half made): it is killed; one that serves closes as a single process does.
  const stop = (code: number) => {
    stopping = true;
    exitCode ||= code;
    for (const worker of Object.values(cluster.workers ?? {})) {
      worker?.process.kill(serving.has(worker.id) ? 'SIGTERM' : 'SIGKILL');
    }
  };

  cluster.on('listening', (worker) => {
    serving.add(worker.id);
    if (serving.size === count) onListening();
  });
  cluster.on('exit', (worker, code, signal) => {
    const wasServing = serving.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    } else if (!wasServing) {
      logger.error(`An API process failed to start (${signal ?? `exit code ${code}`}); stopping`);
      stop(code || 1);
    } else {
      logger.warn(
        `API process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another`,
      );
      cluster.fork();
    }
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop(0));
  for (let index = 0; index < count; index += 1) cluster.fork();
}
