import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { REDIS } from '@haven/core';
import { expectProblem } from '@haven/testing';
import { from } from './support/accounts';
import { bearer, register, startTestApi, TestApi } from './support/test-api';

/**
 * Finding 5 of issue 10: the per-account login limit leaked under parallel attempts and let anyone
 * lock an owner out. Limits are now atomic and keyed by account and address together.
 */
describe('login limits per account and address (e2e)', () => {
  let api: TestApi;
  let redis: Redis;

  const wrong = (email: string, i: number) => ({ email, password: `wrong guess number ${i}` });
  const loginFrom = (address: string, body: object) => from(api, address, 'POST', '/api/v1/auth/login', body);
  const keys = (pattern: string) => redis.keys(`${api.config.REDIS_PREFIX}:login-failures:${pattern}`);
  /** Ends a limit early, as its expiry would: KEYS answers whole names, DEL adds the client's prefix. */
  const expire = async (pattern: string) => {
    const found = await keys(pattern);
    expect(found.length).toBeGreaterThan(0);
    await Promise.all(found.map((key) => redis.del(key.slice(api.config.REDIS_PREFIX.length + 1))));
  };

  function expectLimited(response: Response, atMostSeconds?: number) {
    expectProblem(response, 429);
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    if (atMostSeconds !== undefined) expect(retryAfter).toBeLessThanOrEqual(atMostSeconds);
    return retryAfter;
  }

  beforeAll(async () => {
    api = await startTestApi();
    redis = api.app.get<Redis>(REDIS);
  });

  afterAll(async () => {
    await api.close();
  });

  it('counts 100 parallel wrong passwords exactly: 10 answered 401, 90 refused 429', async () => {
    const owner = await register(api);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => api.http.post('/api/v1/auth/login').send(wrong(owner.email, i))),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(90);
    for (const response of responses.filter((entry) => entry.status === 429))
      expectLimited(response, 15 * 60);

    // The attacking address is blocked even with the right password ...
    expectLimited(
      await api.http.post('/api/v1/auth/login').send({ email: owner.email, password: owner.password }),
    );
    // ... but the owner, from their own address, signs in at once.
    const signedIn = await loginFrom('198.51.100.20', { email: owner.email, password: owner.password });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(owner.id);
  });

  it('blocks a pair for 15 minutes, then twice as long each further time', async () => {
    const owner = await register(api);
    const address = '198.51.100.30';
    const failTenTimes = async () => {
      for (let i = 0; i < 10; i += 1)
        expect((await loginFrom(address, wrong(owner.email, i))).status).toBe(401);
    };
    await failTenTimes();
    const first = expectLimited(await loginFrom(address, wrong(owner.email, 10)), 15 * 60);
    expect(first).toBeGreaterThan(14 * 60);
    // The block ends (its key expires: removed here rather than waiting 15 minutes); the history stays.
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    await expire(`pair:${sha256(owner.email.toLowerCase())}:${sha256(address)}`);
    await failTenTimes();
    const second = expectLimited(await loginFrom(address, wrong(owner.email, 11)), 30 * 60);
    expect(second).toBeGreaterThan(29 * 60);
    expect((await loginFrom('198.51.100.31', { email: owner.email, password: owner.password })).status).toBe(
      200,
    );
  });

  it('limits one address spraying many accounts (100 failures an hour), not other addresses', async () => {
    const sprayer = '203.0.113.40';
    for (let i = 0; i < 100; i += 1) {
      expect((await loginFrom(sprayer, wrong(`sprayed-${i}@example.org`, i))).status).toBe(401);
    }
    const person = await register(api);
    expectLimited(await loginFrom(sprayer, { email: person.email, password: person.password }));
    expect((await loginFrom('203.0.113.41', { email: person.email, password: person.password })).status).toBe(
      200,
    );
  });

  it('slows, never locks, an account guessed at from many addresses; known addresses are not slowed', async () => {
    const owner = await register(api);
    const home = '192.0.2.10';
    expect((await loginFrom(home, { email: owner.email, password: owner.password })).status).toBe(200);
    // 50 failures from five unknown addresses reach the account's ceiling.
    for (let address = 1; address <= 5; address += 1) {
      for (let i = 0; i < 10; i += 1) {
        expect((await loginFrom(`192.0.2.${100 + address}`, wrong(owner.email, i))).status).toBe(401);
      }
    }
    // Past it, one try per 30 seconds from addresses the owner never used.
    expect((await loginFrom('192.0.2.106', wrong(owner.email, 0))).status).toBe(401);
    expectLimited(await loginFrom('192.0.2.107', wrong(owner.email, 0)), 30);
    expectLimited(await loginFrom('192.0.2.108', { email: owner.email, password: owner.password }), 30);
    // The owner at home is not slowed at all.
    expect((await loginFrom(home, { email: owner.email, password: owner.password })).status).toBe(200);
    // Thirty seconds later (the key removed here) a new address gets its try.
    await expire('account-slow:*');
    expect((await loginFrom('192.0.2.108', { email: owner.email, password: owner.password })).status).toBe(
      200,
    );
  });

  it('limits wrong passwords on DELETE /me the same way, without locking the owner out', async () => {
    const owner = await register(api);
    const remove = (address: string, password: string) =>
      from(api, address, 'DELETE', '/api/v1/me', { password }, bearer(owner));
    for (let i = 0; i < 10; i += 1)
      expectProblem(await remove('198.51.100.50', `wrong guess number ${i}`), 400, 'password');
    expectLimited(await remove('198.51.100.50', owner.password));
    const [{ deleted_at }] = await api.db.query('SELECT deleted_at FROM users WHERE id = $1', [owner.id]);
    expect(deleted_at).toBeNull();
    expect((await remove('198.51.100.51', owner.password)).status).toBe(204);
  });

  it('keeps only hashes of e-mails and addresses in its keys', async () => {
    const owner = await register(api);
    await loginFrom('198.51.100.60', wrong(owner.email, 0));
    const all = (await keys('*')).join(' ');
    expect(all).not.toContain(owner.email);
    expect(all).not.toContain('198.51.100.60');
  });
});
