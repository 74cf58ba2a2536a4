import request from 'supertest';
import { startTestApi, TestApi } from './support/test-api';

/**
 * CORS_ORIGINS (DESIGN.md): the origins named may read the API with credentials (the refresh
 * cookie); no other may. Its own suite: two APIs in one process would share Passport's strategies.
 */
describe('cross-origin requests (e2e)', () => {
  let allowing: TestApi;

  beforeAll(async () => {
    allowing = await startTestApi({ CORS_ORIGINS: 'https://app.example.org' });
  });

  afterAll(async () => {
    await allowing.close();
  });

  it('allows cross-origin reads, with credentials, from the origins CORS_ORIGINS names only', async () => {
    const allowed = await allowing.http
      .get('/api/v1/tasks')
      .set('origin', 'https://app.example.org')
      .expect(401);
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example.org',
      'access-control-allow-credentials': 'true',
    });
    // A preflight is CORS's own exchange, not a route of the OpenAPI document: asked directly.
    const preflight = await request(allowing.app.getHttpServer())
      .options('/api/v1/auth/refresh')
      .set('origin', 'https://app.example.org')
      .set('access-control-request-method', 'POST')
      .expect(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    // Every method the API has: the web app edits (PATCH) and withdraws (DELETE) across origins too.
    const editing = await request(allowing.app.getHttpServer())
      .options('/api/v1/me')
      .set('origin', 'https://app.example.org')
      .set('access-control-request-method', 'PATCH')
      .expect(204);
    expect(editing.headers['access-control-allow-methods']?.split(/,\s*/)).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    const other = await allowing.http.get('/api/v1/tasks').set('origin', 'https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets an allowed origin read the refusals made before any route, and the headers a client acts on', async () => {
    // Refused by the URL check, a hook that runs before any route: still readable across origins.
    const refused = await allowing.http
      .get('/api/v1/tasks/not-a-task-id')
      .set('origin', 'https://app.example.org')
      .expect(400);
    expect(refused.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(refused.body).toMatchObject({ type: 'urn:haven:problem:validation' });
    const answered = await allowing.http.get('/api/v1/camps').set('origin', 'https://app.example.org');
    expect(answered.headers['access-control-expose-headers']?.split(/,\s*/)).toEqual([
      'Retry-After',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Content-Disposition',
    ]);
    expect(answered.headers['x-ratelimit-remaining']).toBeDefined();
  });
});
