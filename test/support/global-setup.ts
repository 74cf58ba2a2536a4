import { Client } from 'pg';
import Redis from 'ioredis';
import { TEST_REDIS_URL, TEST_SERVER_URL } from '../../libs/testing/src/test-servers';

/** Fails the run at once, with the fix, when PostgreSQL or Redis is not there. */
export default async function globalSetup(): Promise<void> {
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
