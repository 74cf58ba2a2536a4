// First: V8's flags before any other module is loaded.
import './v8-flags';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { AppConfig, ConfigError, loadConfig, prepareDatabase } from '@haven/core';
import { migrations } from '@haven/migrations';
import { superviseApiProcesses, useSupervisorLogger } from './processes';

async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isWorker) {
    // One of API_PROCESSES: the first process applied the migrations and says where it listens.
    await serve(config);
    return;
  }
  const applied = await prepareDatabase(config, migrations);
  const ready = () => announce(config, applied);
  if (config.API_PROCESSES > 1) {
    useSupervisorLogger(config);
    return superviseApiProcesses(config.API_PROCESSES, ready);
  }
  await serve(config);
  ready();
}

async function serve(config: AppConfig): Promise<void> {
  // Loaded here: a supervising process never serves, and need not hold the application's modules.
  const { createApi } = await import('./app.factory');
  const app = await createApi(config);
  await app.listen(config.PORT, '0.0.0.0');
}

function announce(config: AppConfig, applied: string[]): void {
  const logger = new Logger('Haven');
  if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
  const base = `http://localhost:${config.PORT}`;
  const processes = config.API_PROCESSES > 1 ? ` in ${config.API_PROCESSES} processes` : '';
  logger.log(
    `Haven API listening on ${base}${processes} (API docs: ${base}/api/docs, readiness: ${base}/health/ready)`,
  );
  logger.log(
    'First admin: npm run cli -- create-admin --email you@example.org --password "<12+ characters>"',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Haven API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
