import { DataSource } from 'typeorm';
import { CORE_ENTITIES, databaseOptions, loadConfig } from '@haven/core';
import { IDENTITY_ENTITIES } from '@haven/identity';
import { migrations } from '@haven/migrations';
import { NEED_ENTITIES } from '@haven/needs';
import { NOTIFICATION_ENTITIES } from '@haven/notifications';
import { ORGANIZATION_ENTITIES } from '@haven/organizations';
import { VOLUNTEERING_ENTITIES } from '@haven/volunteering';

/** For the TypeORM CLI (migration:generate, migration:revert): every entity, so diffs are complete. */
export default new DataSource(
  databaseOptions(
    loadConfig(),
    [
      ...CORE_ENTITIES,
      ...IDENTITY_ENTITIES,
      ...ORGANIZATION_ENTITIES,
      ...NEED_ENTITIES,
      ...VOLUNTEERING_ENTITIES,
      ...NOTIFICATION_ENTITIES,
    ],
    migrations,
  ),
);
