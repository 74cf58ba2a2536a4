import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { machineSecret, machineStateDir, projectRoot } from './machine-secret';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/haven');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.MAIL_URL).toBe('log:');
    expect(config.NODE_ENV).toBe('development');
    expect(config.RATE_LIMIT_PER_IP_PER_MINUTE).toBe(120);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("lowers the worker's priority to niceness 10 by default, 0 to 19", () => {
    expect(loadConfig({}).WORKER_NICENESS).toBe(10);
    expect(loadConfig({ WORKER_NICENESS: '0' }).WORKER_NICENESS).toBe(0);
    expect(() => loadConfig({ WORKER_NICENESS: '20' })).toThrow(/WORKER_NICENESS.*at most 19/);
    expect(() => loadConfig({ WORKER_NICENESS: '-5' })).toThrow(/WORKER_NICENESS.*at least 0/);
  });

  it('keeps data for the documented retention periods unless told otherwise, within bounds', () => {
    const config = loadConfig({});
    expect(config.ACCOUNT_INACTIVE_DAYS).toBe(730);
    expect(config.ACCOUNT_INACTIVE_WARNING_DAYS).toBe(30);
    expect(config.NOTIFICATION_RETENTION_DAYS).toBe(90);
    expect(loadConfig({ ACCOUNT_INACTIVE_DAYS: '365' }).ACCOUNT_INACTIVE_DAYS).toBe(365);
    for (const [variable, value] of [
      ['ACCOUNT_INACTIVE_DAYS', '59'],
      ['ACCOUNT_INACTIVE_DAYS', 'forever'],
      ['ACCOUNT_INACTIVE_WARNING_DAYS', '0'],
      ['NOTIFICATION_RETENTION_DAYS', '6'],
      ['NOTIFICATION_RETENTION_DAYS', '3651'],
    ]) {
      expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`${variable}: must`));
    }
    expect(() => loadConfig({ ACCOUNT_INACTIVE_DAYS: '90', ACCOUNT_INACTIVE_WARNING_DAYS: '90' })).toThrow(
      /ACCOUNT_INACTIVE_WARNING_DAYS: must be shorter than ACCOUNT_INACTIVE_DAYS/,
    );
  });

  it('lets a just-rotated refresh token serve again for 30 seconds by default, 0 to 300', () => {
    expect(loadConfig({}).REFRESH_REUSE_GRACE_SECONDS).toBe(30);
    expect(loadConfig({ REFRESH_REUSE_GRACE_SECONDS: '0' }).REFRESH_REUSE_GRACE_SECONDS).toBe(0);
    for (const value of ['301', '-1', 'soon']) {
      expect(() => loadConfig({ REFRESH_REUSE_GRACE_SECONDS: value })).toThrow(
        /REFRESH_REUSE_GRACE_SECONDS: must/,
      );
    }
  });

  describe('the machine key outside production', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'haven-var-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is created once, private to its owner, and the same for every later start', () => {
      const first = loadConfig({ HAVEN_VAR_DIR: dir }).jwtSecret;
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first);
      expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      expect(readdirSync(dir)).toEqual(['jwt-secret']);
      expect(loadConfig({ HAVEN_VAR_DIR: dir, NODE_ENV: 'test' }).jwtSecret).toBe(first);
    });

    it('keeps an existing key and tightens a key file others could read', () => {
      writeFileSync(join(dir, 'jwt-secret'), 'k'.repeat(48), { mode: 0o644 });
      expect(machineSecret(dir)).toBe('k'.repeat(48));
      expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      machineSecret(dir);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe('k'.repeat(48));
    });

    it('refuses a damaged key file with a message naming the variable', () => {
      writeFileSync(join(dir, 'jwt-secret'), 'short');
      expect(() => loadConfig({ HAVEN_VAR_DIR: dir })).toThrow(
        /JWT_SECRET: .*jwt-secret holds no usable key/,
      );
    });

    it("defaults to the project's git-ignored var folder", () => {
      const root = projectRoot();
      expect(root).not.toBeNull();
      expect(machineStateDir()).toBe(join(root as string, 'var'));
      expect(readFileSync(join(root as string, '.gitignore'), 'utf8')).toMatch(/^\/?var\/$/m);
    });

    it('is not used when JWT_SECRET is given', () => {
      const secret = 'y'.repeat(40);
      expect(loadConfig({ HAVEN_VAR_DIR: dir, JWT_SECRET: secret }).jwtSecret).toBe(secret);
      expect(() => statSync(join(dir, 'jwt-secret'))).toThrow();
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT:.*must be a whole number/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ RATE_LIMIT_PER_IP_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_IP_PER_MINUTE/);
  });

  it('never prints a secret it rejects', () => {
    try {
      loadConfig({ JWT_SECRET: 'short-secret-value' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/JWT_SECRET: must be at least 32 characters/);
      expect((error as Error).message).not.toContain('short-secret-value');
    }
  });

  it('refuses production without a JWT_SECRET, even when the machine has a development key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-var-'));
    try {
      machineSecret(dir);
      expect(() =>
        loadConfig({ NODE_ENV: 'production', MAIL_URL: 'smtp://mail:25', HAVEN_VAR_DIR: dir }),
      ).toThrow(/JWT_SECRET: is required when NODE_ENV=production/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts in production with safe settings', () => {
    const secret = 'x'.repeat(40);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, MAIL_URL: 'smtp://mail:25' });
    expect(config.jwtSecret).toBe(secret);
  });

  describe('SMS_URL', () => {
    it('is log: by default outside production, and takes an smpp:// URL or off', () => {
      expect(loadConfig({}).SMS_URL).toBe('log:');
      expect(loadConfig({ SMS_URL: 'smpp://haven:pw@smsc.example.org:2775' }).SMS_URL).toBe(
        'smpp://haven:pw@smsc.example.org:2775',
      );
      expect(loadConfig({ SMS_URL: 'off' }).SMS_URL).toBe('off');
    });

    it('refuses anything else, naming the variable without echoing it', () => {
      for (const value of ['http://gateway', 'smpp://smsc.example.org', 'smpp://u:p@host', 'logs']) {
        expect(() => loadConfig({ SMS_URL: value })).toThrow(/SMS_URL: must be off, log: or an smpp:/);
      }
      expect(() => loadConfig({ SMS_URL: 'smpp://u:secret@host' })).not.toThrow(/secret/);
    });

    it('is off when unset in production, and log: is refused there', () => {
      const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), MAIL_URL: 'smtp://mail:25' };
      expect(loadConfig(production).SMS_URL).toBe('off');
      expect(() => loadConfig({ ...production, SMS_URL: 'log:' })).toThrow(
        /SMS_URL: must be an smpp:\/\/ URL or off/,
      );
      expect(loadConfig({ ...production, SMS_URL: 'smpp://u:p@smsc:2775' }).SMS_URL).toBe(
        'smpp://u:p@smsc:2775',
      );
    });
  });
});
