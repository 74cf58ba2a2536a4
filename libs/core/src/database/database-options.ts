import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';

/** The migration classes, in order (`migrations` from @haven/migrations). */
export type Migrations = NonNullable<DataSourceOptions['migrations']>;

/**
 * The one description of Haven's database, used by the apps, the CLI and the TypeORM migration CLI.
 * Entities are listed by each context's module (`TypeOrmModule.forFeature`) or passed explicitly:
 * globs break in monorepo builds. The schema changes only through migrations, which the caller
 * passes (core does not know them: they name every context's tables).
 */
export function databaseOptions(
  config: AppConfig,
  entities: DataSourceOptions['entities'] = [],
  migrations: Migrations = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 20, application_name: 'haven' },
  };
}
