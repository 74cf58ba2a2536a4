import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, prepareDatabase } from '@haven/core';
import { migrations } from '@haven/migrations';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config, migrations);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  // On SIGTERM Nest closes the BullMQ workers, which finish their in-flight jobs before exiting.
  app.enableShutdownHooks();
  await app.init();
  new Logger('Haven').log('Haven worker started');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Haven worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
