import { expectProblem } from '@haven/testing';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Behind a reverse proxy (the compose scale profile's Caddy) every request comes from the proxy's
 * address: with TRUST_PROXY=1 the per-address limits count the client the proxy names in
 * X-Forwarded-For; without it that header is ignored, so nobody can pick their own address.
 */
describe('TRUST_PROXY (e2e)', () => {
  // 50 per minute in general, so 5 per minute on the auth routes.
  const login = (api: TestApi, forwardedFor: string, i: number) =>
    api.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', forwardedFor)
      .send({ email: `someone${i}@example.org`, password: 'wrong password' });

  describe('behind one proxy', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ RATE_LIMIT_PER_IP_PER_MINUTE: '50', TRUST_PROXY: '1' });
    });
    afterAll(() => api.close());

    it('limits each forwarded client on its own', async () => {
      for (let i = 0; i < 5; i += 1) expect((await login(api, '203.0.113.7', i)).status).toBe(401);
      expectProblem(await login(api, '203.0.113.7', 5), 429);
      expect((await login(api, '203.0.113.8', 6)).status).toBe(401);
    });
  });

  describe('without a proxy', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ RATE_LIMIT_PER_IP_PER_MINUTE: '50' });
    });
    afterAll(() => api.close());

    it('ignores X-Forwarded-For, so a client cannot choose its address', async () => {
      for (let i = 0; i < 5; i += 1) expect((await login(api, `203.0.113.${i + 10}`, i)).status).toBe(401);
      expectProblem(await login(api, '203.0.113.99', 5), 429);
    });
  });
});
