export * from './database-options';
export * from './database.module';
export * from './prepare-database';
export * from './transaction.service';
export * from './shared-reads';
