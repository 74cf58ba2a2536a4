import { expectProblem } from '@haven/testing';
import { newAccount, register, startTestApi, TestApi } from './support/test-api';
import { DEFAULT_BODY_LIMIT_BYTES } from '../apps/api/src/http/request-limits';

describe('HTTP contract (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await api.http
      .post('/api/v1/auth/register')
      .set('content-type', 'application/json')
      .send('{"email": "a@example.org",');
    expectProblem(response, 400);
  });

  it('answers a body over 1 MiB with a 413 problem and stores nothing', async () => {
    const account = newAccount();
    const response = await api.http
      .post('/api/v1/auth/register')
      .send({ ...account, displayName: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(response, 413);
    const rows = await api.db.query('SELECT 1 FROM users WHERE email = $1', [account.email]);
    expect(rows).toHaveLength(0);
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await api.http.get('/api/v1/no-such-thing'), 404);
    expectProblem(await api.http.post('/nowhere').send({}), 404);
  });

  it('answers a body that is not JSON with a problem, never a 5xx', async () => {
    const response = await api.http
      .post('/api/v1/auth/login')
      .set('content-type', 'text/plain')
      .send('hello');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a JSON array or string body with a 400 problem', async () => {
    for (const body of ['[]', '"text"', 'null']) {
      const response = await api.http
        .post('/api/v1/auth/register')
        .set('content-type', 'application/json')
        .send(body);
      expectProblem(response, 400);
    }
  });

  it('sets security headers on answers and refusals alike', async () => {
    const answers = [
      await api.http.get('/health/live').expect(200),
      await api.http.get('/api/v1/no-such-thing').expect(404),
      await api.http.get('/api/v1/tasks').expect(401),
      await api.http.post('/api/v1/auth/register').send({}).expect(400),
      await api.http.post('/api/v1/auth/register').set('content-type', 'application/json').send('{'),
      // Refused before any route: a NUL, a path id that is not one, a URL that cannot be decoded.
      await api.http.get('/api/v1/tasks/a%00b').expect(400),
      await api.http.get('/api/v1/tasks/not-an-id').expect(400),
      await api.http.get('/api/v1/tasks/%E0%A4%A').expect(400),
      // Refused by the body parser: too large, or not JSON.
      await api.http
        .post('/api/v1/auth/register')
        .set('content-type', 'application/json')
        .send(`{"displayName":"${'x'.repeat(DEFAULT_BODY_LIMIT_BYTES)}"}`)
        .expect(413),
      await api.http
        .post('/api/v1/auth/register')
        .set('content-type', 'text/plain')
        .send('hello')
        .expect(400),
    ];
    for (const response of answers) {
      const headers = { status: response.status, ...response.headers };
      // JSON is never rendered as a page: it may load and be framed by nothing.
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
    }
  });

  it("sets helmet's headers on the pages a browser renders", async () => {
    const docs = await api.http.get('/api/docs').redirects(1).expect(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'x-permitted-cross-domain-policies': 'none',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(docs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('does not allow cross-origin reads by default', async () => {
    const response = await api.http.get('/health/live').set('origin', 'https://elsewhere.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await api.http
      .options('/api/v1/tasks')
      .set('origin', 'https://elsewhere.example')
      .set('access-control-request-method', 'GET');
    expectProblem(preflight, 404);
  });

  it('reports liveness and readiness', async () => {
    expect((await api.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await api.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document with every route, and the docs page', async () => {
    const response = await api.http.get('/api/openapi.json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/me',
        '/api/v1/me/export',
        '/health/live',
        '/health/ready',
      ]),
    );
    const docs = await api.http.get('/api/docs').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });

  it('keeps the problem shape on every unhappy auth path', async () => {
    const account = await register(api);
    const responses = await Promise.all([
      api.http.get('/api/v1/me/export'),
      api.http.delete('/api/v1/me').auth(account.accessToken, { type: 'bearer' }).send({ password: 7 }),
      api.http.post('/api/v1/auth/logout').auth(account.accessToken, { type: 'bearer' }).send({ extra: 1 }),
    ]);
    expectProblem(responses[0], 401);
    expectProblem(responses[1], 400, 'password');
    expectProblem(responses[2], 400, 'extra');
  });
});
