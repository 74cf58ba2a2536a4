import { CreateUsers1764050000000 } from './1764050000000-create-users';

/** Every migration, in order. Listed explicitly: globs break in monorepo builds. */
export const migrations = [CreateUsers1764050000000];
