import { ConfigError, loadConfig } from './app-config';

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

  it('draws a new random secret per start outside production', () => {
    expect(loadConfig({}).jwtSecret).not.toBe(loadConfig({}).jwtSecret);
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

  it('refuses production without a JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MAIL_URL: 'smtp://mail:25' })).toThrow(
      /JWT_SECRET: is required when NODE_ENV=production/,
    );
  });

  it('starts in production with safe settings', () => {
    const secret = 'x'.repeat(40);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, MAIL_URL: 'smtp://mail:25' });
    expect(config.jwtSecret).toBe(secret);
  });
});
