import { DynamicModule, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig, AuditModule, DatabaseModule, HavenConfigModule, RedisModule } from '@haven/core';
import { createTestConfig, dropTestResources } from '@haven/testing';

/**
 * The middle tier of tests (*.service-spec.ts): a context's services against a real PostgreSQL and
 * Redis, without HTTP. Each suite gets its own freshly migrated database and Redis prefix, made by
 * the same code as the e2e suites' (`createTestConfig`), and boots only the context modules it names
 * plus the infrastructure every context relies on (config, database, Redis, audit log and outbox).
 */
export interface ServiceWorld {
  config: AppConfig;
  db: DataSource;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

@Module({})
class ServiceTestModule {
  static with(config: AppConfig, contexts: Type[]): DynamicModule {
    return {
      module: ServiceTestModule,
      imports: [HavenConfigModule.forRoot(config), DatabaseModule, RedisModule, AuditModule, ...contexts],
    };
  }
}

export async function startServices(
  contexts: Type[],
  overrides: Record<string, string> = {},
): Promise<ServiceWorld> {
  const config = await createTestConfig(overrides);
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(ServiceTestModule.with(config, contexts), {
      logger: false,
      abortOnError: false,
    });
    await app.init();
  } catch (error) {
    await dropTestResources(config);
    throw error;
  }
  return {
    config,
    db: app.get(DataSource),
    get: (type) => app.get(type, { strict: false }),
    close: async () => {
      await app.close();
      await dropTestResources(config);
    },
  };
}
