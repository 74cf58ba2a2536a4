import { Client } from 'pg';
import Redis from 'ioredis';
import { startEmbeddedPostgres } from '../../apps/cli/src/launcher/embedded-postgres';
import { startLocalRedis, redisServerInstalled } from '../../apps/cli/src/launcher/local-redis';
import {
  answers,
  embeddablePostgres,
  noRedisMessage,
  startableRedis,
} from '../../apps/cli/src/launcher/local-services';
import { machineStateDir } from '../../libs/core/src/config/machine-secret';
import { TEST_REDIS_URL, TEST_SERVER_URL } from '../../libs/testing/src/test-servers';

/** What this run started, stopped by global-teardown.ts (same process). */
export const started: { name: string; stop(): Promise<void> }[] = [];
(globalThis as { havenTestServices?: typeof started }).havenTestServices = started;

/**
 * Makes sure PostgreSQL and Redis answer. On a fresh machine, where the default local addresses
 * answer nothing, it starts what `npm start` would (an embedded PostgreSQL with its data in
 * var/postgres, the installed redis-server) for the length of the run; otherwise it fails at once,
 * with the fix.
 */
export default async function globalSetup(): Promise<void> {
  const stateDir = machineStateDir(process.env.HAVEN_VAR_DIR ?? '');
  const postgres = embeddablePostgres(TEST_SERVER_URL);
  if (postgres && !(await answers(postgres))) {
    console.error(`\nNothing answers at ${postgres.host}:${postgres.port}: starting the embedded PostgreSQL`);
    const embedded = await startEmbeddedPostgres(postgres, stateDir);
    started.push({ name: 'the embedded PostgreSQL', stop: embedded.stop });
  }
  const redisTarget = startableRedis(TEST_REDIS_URL);
  if (redisTarget && !(await answers(redisTarget))) {
    if (!redisServerInstalled()) throw new Error(noRedisMessage(TEST_REDIS_URL));
    console.error(`Nothing answers at ${redisTarget.host}:${redisTarget.port}: starting redis-server`);
    started.push({ name: 'redis-server', stop: (await startLocalRedis(redisTarget, stateDir)).stop });
  }

  const client = new Client({ connectionString: TEST_SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at ${TEST_SERVER_URL} (${(error as Error).message}). Start it, or set TEST_DATABASE_URL.`,
    );
  }
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis does not answer at ${TEST_REDIS_URL} (${(error as Error).message}). Start it, or set TEST_REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}
