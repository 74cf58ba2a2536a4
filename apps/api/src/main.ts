import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, prepareDatabase } from '@haven/core';
import { migrations } from '@haven/migrations';
import { createApi } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await prepareDatabase(config, migrations);
  const app = await createApi(config);
  await app.listen(config.PORT, '0.0.0.0');
  const logger = new Logger('Haven');
  if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
  const base = `http://localhost:${config.PORT}`;
  logger.log(`Haven API listening on ${base} (API docs: ${base}/api/docs, readiness: ${base}/health/ready)`);
  logger.log(
    'First admin: npm run cli -- create-admin --email you@example.org --password "<12+ characters>"',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Haven API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
