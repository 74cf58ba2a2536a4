import type Redis from 'ioredis';
import { REDIS } from '@haven/core';
import { createTestConfig, dropTestResources, expectProblem } from '@haven/testing';
import { AccessTokenService, UsersService } from '@haven/identity';
import { bearer, newAccount, register, startSecondApi, startTestApi, TestApi } from './support/test-api';

describe('rate limits (e2e)', () => {
  describe('per address', () => {
    let api: TestApi;

    beforeAll(async () => {
      // 50 per minute in general, so 5 per minute on the auth routes.
      api = await startTestApi({ RATE_LIMIT_PER_IP_PER_MINUTE: '50' });
    });

    afterAll(async () => {
      await api.close();
    });

    it('gives auth routes a tenth of the limit, then 429 with Retry-After', async () => {
      const attempts = [];
      for (let i = 0; i < 5; i += 1) {
        attempts.push(
          await api.http
            .post('/api/v1/auth/login')
            .send({ email: `someone${i}@example.org`, password: 'wrong password' }),
        );
      }
      expect(attempts.map((response) => response.status)).toEqual([401, 401, 401, 401, 401]);
      const limited = await api.http
        .post('/api/v1/auth/login')
        .send({ email: 'x@example.org', password: 'wrong password' });
      expectProblem(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('holds the limit across two API processes although each counts in memory first', async () => {
      // Two built API processes on one database and Redis.
      const config = await createTestConfig({ RATE_LIMIT_PER_IP_PER_MINUTE: '50' });
      const second = await startSecondApi({ config });
      const secondOther = await startSecondApi({ config });
      try {
        const login = (target: Pick<TestApi, 'http'>, i: number) =>
          target.http
            .post('/api/v1/auth/login')
            .send({ email: `across${i}@example.org`, password: 'wrong password' })
            .then((response) => response.status);
        // Five for the address in all, whichever process answers.
        const statuses = [];
        for (const [index, target] of [second, second, secondOther, secondOther, second].entries()) {
          statuses.push(await login(target, index));
        }
        expect(statuses).toEqual([401, 401, 401, 401, 401]);
        expect(await login(secondOther, 5)).toBe(429);
        expect(await login(second, 6)).toBe(429);
      } finally {
        await secondOther.close();
        await second.close();
        await dropTestResources(config);
      }
    });

    it('counts every request to a cached page once, served from the cache or not', async () => {
      // Signed in without the login route, whose own limit the test above used up.
      const account = newAccount();
      const user = await api.app.get(UsersService).create({ ...account, emailVerified: true });
      const reader = {
        accessToken: api.app.get(AccessTokenService).sign({ sub: user.id, role: 'volunteer' }),
      };
      const remaining: number[] = [];
      // The first read of each page is made by the route, the later ones come from the cache.
      for (const limit of [5, 5, 6, 5, 6, 6]) {
        const response = await api.http.get(`/api/v1/tasks?limit=${limit}`).set(bearer(reader)).expect(200);
        remaining.push(Number(response.headers['x-ratelimit-remaining']));
      }
      expect(remaining).toEqual([49, 48, 47, 46, 45, 44]);
    });

    it('keeps other routes on the general limit', async () => {
      await api.http.get('/health/live').expect(200);
      expectProblem(await api.http.get('/api/v1/me'), 401);
    });
  });

  describe('per account', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi();
    });

    afterAll(async () => {
      await api.close();
    });

    it('blocks an account after 10 failed logins, even with the right password, and no other account', async () => {
      const target = await register(api);
      const bystander = await register(api);
      for (let i = 0; i < 10; i += 1) {
        expectProblem(
          await api.http
            .post('/api/v1/auth/login')
            .send({ email: target.email, password: `guess number ${i}` }),
          401,
        );
      }
      const blocked = await api.http
        .post('/api/v1/auth/login')
        .send({ email: target.email.toUpperCase(), password: target.password });
      expectProblem(blocked, 429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      await api.http
        .post('/api/v1/auth/login')
        .send({ email: bystander.email, password: bystander.password })
        .expect(200);
    });

    it('counts failures in Redis under a hash, never the e-mail', async () => {
      const target = await register(api);
      await api.http
        .post('/api/v1/auth/login')
        .send({ email: target.email, password: 'wrong password here' })
        .expect(401);
      const redis = api.app.get<Redis>(REDIS);
      const keys = await redis.keys(`${api.config.REDIS_PREFIX}:login-failures:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(' ')).not.toContain(target.email);
    });

    it('clears the failure count after a successful login', async () => {
      const target = await register(api);
      for (let i = 0; i < 9; i += 1) {
        await api.http
          .post('/api/v1/auth/login')
          .send({ email: target.email, password: `guess number ${i}` })
          .expect(401);
      }
      await api.http
        .post('/api/v1/auth/login')
        .send({ email: target.email, password: target.password })
        .expect(200);
      await api.http
        .post('/api/v1/auth/login')
        .send({ email: target.email, password: 'one more wrong guess' })
        .expect(401);
      await api.http
        .post('/api/v1/auth/login')
        .send({ email: target.email, password: target.password })
        .expect(200);
    });
  });
});
