import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import Redis from 'ioredis';
import { AppConfig, loadConfig } from '@haven/core';
import { migrations } from '@haven/migrations';
import { createFromTemplate, ensureTemplate } from './template-database';
import { TEST_REDIS_URL, TEST_SERVER_URL } from './test-servers';

/**
 * A configuration of the suite's own: a freshly migrated database (a copy of the migrated template,
 * see template-database.ts) and a Redis key prefix nobody else uses, so suites run in parallel without seeing each other's rows, queues or rate limits.
 */
export async function createTestConfig(overrides: Record<string, string> = {}): Promise<AppConfig> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/haven_test_${suffix}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url.toString(),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `haven_test_${suffix}`,
    RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    ...overrides,
  });
  await createFromTemplate(new URL(config.DATABASE_URL).pathname.slice(1), await ensureTemplate(migrations));
  return config;
}

/** Drops the suite's database and deletes its Redis keys. */
export async function dropTestResources(config: AppConfig): Promise<void> {
  const name = new URL(config.DATABASE_URL).pathname.slice(1);
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const redis = new Redis(config.REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
