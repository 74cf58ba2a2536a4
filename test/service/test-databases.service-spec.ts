import { Client } from 'pg';
import { AppConfig } from '@haven/core';
import { migrations } from '@haven/migrations';
import { createTestConfig, dropTestResources, TEST_SERVER_URL } from '@haven/testing';
import { templateName } from '../../libs/testing/src/template-database';

/**
 * The suites' databases are copies of one migrated template: each copy must be fully migrated and
 * its own, and the template must change whenever a migration does.
 */
describe('test databases copied from the migrated template (service)', () => {
  const configs: AppConfig[] = [];
  afterAll(async () => {
    for (const config of configs) await dropTestResources(config);
  });

  async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('gives suites created at the same moment each its own fully migrated database', async () => {
    const [first, second] = await Promise.all([createTestConfig(), createTestConfig()]);
    configs.push(first, second);
    expect(first.DATABASE_URL).not.toBe(second.DATABASE_URL);
    for (const config of [first, second]) {
      const applied = await query(config.DATABASE_URL, 'SELECT name FROM migrations ORDER BY id');
      expect(applied.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
    }
    await query(
      first.DATABASE_URL,
      `INSERT INTO users (email, display_name, role) VALUES ('copy@example.invalid', 'Copy Test', 'admin')`,
    );
    expect(
      await query(second.DATABASE_URL, `SELECT 1 FROM users WHERE email = 'copy@example.invalid'`),
    ).toEqual([]);
  });

  it('keeps the template closed to connections, so copying it never meets a session', async () => {
    const rows = await query(
      TEST_SERVER_URL,
      `SELECT datistemplate, datallowconn FROM pg_database WHERE datname = '${templateName(migrations)}'`,
    );
    expect(rows).toEqual([{ datistemplate: true, datallowconn: false }]);
  });

  it('names a new template when a migration is added or its code changes', () => {
    const [firstMigration, ...rest] = migrations;
    class Changed {
      async up(): Promise<void> {}
    }
    Object.defineProperty(Changed, 'name', { value: firstMigration.name });
    expect(templateName(migrations)).toBe(templateName([...migrations]));
    expect(templateName(rest)).not.toBe(templateName(migrations));
    expect(templateName([Changed, ...rest])).not.toBe(templateName(migrations));
  });
});
