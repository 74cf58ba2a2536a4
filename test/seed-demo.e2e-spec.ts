import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig, prepareDatabase } from '@haven/core';
import { migrations } from '@haven/migrations';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { CliModule } from '../apps/cli/src/cli.module';
import { seedDemo } from '../apps/cli/src/seed-demo';

describe('npm run seed:demo (e2e)', () => {
  let config: AppConfig;
  let app: INestApplicationContext;

  beforeAll(async () => {
    config = await createTestConfig();
    await prepareDatabase(config, migrations);
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false });
  });

  afterAll(async () => {
    await app.close();
    await dropTestResources(config);
  });

  it('builds a fictional data set through the services, once', async () => {
    const write = process.stderr.write;
    process.stderr.write = () => true; // the progress bar
    try {
      expect((await seedDemo(app)).created).toBe(true);
      expect(await seedDemo(app)).toEqual({ created: false, summary: 'Demo data is already there.' });
    } finally {
      process.stderr.write = write;
    }
    const db = app.get(DataSource);
    const [counts] = await db.query(
      `SELECT (SELECT count(*)::int FROM camps) AS camps,
              (SELECT count(*)::int FROM organizations WHERE status = 'approved') AS approved,
              (SELECT count(*)::int FROM organizations WHERE status = 'pending') AS pending,
              (SELECT count(*)::int FROM tasks) AS tasks,
              (SELECT count(*)::int FROM users WHERE role = 'volunteer') AS volunteers,
              (SELECT count(*)::int FROM signups) AS signups`,
    );
    expect(counts).toEqual(
      expect.objectContaining({ camps: 4, approved: 3, pending: 1, tasks: 24, volunteers: 30 }),
    );
    expect(counts.signups).toBeGreaterThan(30);
    // Nobody real: every address is on the reserved example domain, every place and body is marked fictional.
    const [strays] = await db.query(
      `SELECT (SELECT count(*)::int FROM users WHERE email NOT LIKE '%@haven.example') AS users,
              (SELECT count(*)::int FROM camps WHERE name NOT LIKE '%(fictional)') AS camps,
              (SELECT count(*)::int FROM organizations WHERE name NOT LIKE '%(fictional)') AS organizations`,
    );
    expect(strays).toEqual({ users: 0, camps: 0, organizations: 0 });
    // Demo people can sign up, pledge and post at once: their e-mail counts as verified.
    const [unverified] = await db.query(
      `SELECT count(*)::int AS count FROM users WHERE email_verified_at IS NULL`,
    );
    expect(unverified.count).toBe(0);
    const [outboxLinks] = await db.query(`SELECT count(*)::int AS count FROM account_tokens`);
    expect(outboxLinks.count).toBe(0);
    const [overfull] = await db.query(`SELECT count(*)::int AS count FROM tasks WHERE confirmed > capacity`);
    expect(overfull.count).toBe(0);
  });
});
