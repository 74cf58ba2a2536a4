import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, prepareDatabase } from '@haven/core';
import { migrations } from '@haven/migrations';
import { WorkerLiveness } from './liveness';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Haven');
  lowerPriority(config.WORKER_NICENESS, logger);
  await prepareDatabase(config, migrations);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  // On SIGTERM Nest closes the BullMQ workers, which finish their in-flight jobs before exiting;
  // then the process exits (rather than dying by the signal) so that pino writes its last lines.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  app.get(WorkerLiveness).start();
  logger.log('Haven worker started');
}

/**
 * Background work yields the CPU to the API's requests on a shared machine (WORKER_NICENESS). On
 * Linux a thread has its own niceness, so every thread there now is lowered (V8's helpers, libuv's
 * pool); threads started later take it from the thread that starts them. A process may always
 * lower its own priority; one started lower already is left as it is.
 */
function lowerPriority(niceness: number, logger: Logger): void {
  if (niceness === 0 || getPriority() >= niceness) return;
  try {
    for (const thread of threads()) setPriority(thread, niceness);
  } catch (error) {
    logger.warn(`Could not lower the worker's priority: ${error instanceof Error ? error.message : error}`);
  }
}

/** This process's threads (Linux), or the process itself elsewhere. */
function threads(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [0];
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Haven worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
