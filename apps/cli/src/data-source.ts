import { DataSource } from 'typeorm';
import { databaseOptions, loadConfig } from '@haven/core';
import { IDENTITY_ENTITIES } from '@haven/identity';

/** For the TypeORM CLI (migration:generate, migration:revert): every entity, so diffs are complete. */
export default new DataSource(databaseOptions(loadConfig(), [...IDENTITY_ENTITIES]));
