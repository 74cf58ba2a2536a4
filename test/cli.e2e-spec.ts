import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { AppConfig } from '@haven/core';
import { createTestConfig, dropTestResources } from '@haven/testing';

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

/** Runs the built operator CLI as an operator would (npm test builds it first). */
async function cli(config: AppConfig, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: config.DATABASE_URL,
        REDIS_URL: config.REDIS_URL,
        REDIS_PREFIX: config.REDIS_PREFIX,
        NODE_ENV: 'test',
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('operator CLI (e2e)', () => {
  let config: AppConfig;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
    config = await createTestConfig();
  });

  afterAll(async () => {
    await dropTestResources(config);
  });

  async function admins(): Promise<{ email: string; role: string }[]> {
    const client = new Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(`SELECT email, role FROM users WHERE role = 'admin'`)).rows;
    } finally {
      await client.end();
    }
  }

  it('creates the first admin, and is idempotent', async () => {
    const first = await cli(
      config,
      'create-admin',
      '--email',
      'Admin.One@example.org',
      '--password',
      'a sturdy admin passphrase',
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Created admin admin.one@example.org');
    const again = await cli(
      config,
      'create-admin',
      '--email',
      'admin.one@example.org',
      '--password',
      'a sturdy admin passphrase',
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already exists');
    expect(await admins()).toEqual([{ email: 'admin.one@example.org', role: 'admin' }]);
  });

  it('refuses a weak password or a bad e-mail with a clear message', async () => {
    const weak = await cli(
      config,
      'create-admin',
      '--email',
      'admin.two@example.org',
      '--password',
      'password1234',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('--password is too common');
    const bad = await cli(
      config,
      'create-admin',
      '--email',
      'not-an-email',
      '--password',
      'a sturdy admin passphrase',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--email');
    const missing = await cli(config, 'create-admin', '--email', 'admin.three@example.org');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--password');
    expect((await admins()).map((admin) => admin.email)).toEqual(['admin.one@example.org']);
  });

  it('names a bad variable and stops', async () => {
    const result = await run('node', [CLI, 'migrate'], { env: { ...process.env, PORT: 'eighty' } }).catch(
      (error) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});
