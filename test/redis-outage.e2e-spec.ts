import { AppConfig } from '@haven/core';
import { AccessTokenService, UsersService } from '@haven/identity';
import { createTestConfig, dropTestResources, expectProblem } from '@haven/testing';
import request from 'supertest';
import { createApi } from '../apps/api/src/app.factory';
import { newAccount, organizationApplication } from './support/test-api';

/**
 * With Redis away the API keeps taking state changes, which need only PostgreSQL: the rate limiter
 * fails open and the notification waits in the outbox. (Its delivery once Redis is back is covered
 * with a real worker and a real redis-server in notification-faults.e2e-spec.ts.)
 */
describe('the API while Redis is away (e2e)', () => {
  let config: AppConfig;
  let app: Awaited<ReturnType<typeof createApi>>;

  beforeAll(async () => {
    config = await createTestConfig();
    // Port 1 never answers: as if Redis had stopped.
    app = await createApi(Object.assign(new AppConfig(), config, { REDIS_URL: 'redis://127.0.0.1:1' }));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    await dropTestResources(config);
  });

  it('approves an organisation, keeps its notification in the outbox, and answers readiness 503', async () => {
    const http = request(app.getHttpServer());
    const tokens = app.get(AccessTokenService);
    const users = app.get(UsersService);
    const { user: adminUser } = await users.createAdmin(
      `outage-admin-${Date.now()}@example.org`,
      'a sturdy passphrase 42',
    );
    const admin = tokens.sign({ sub: adminUser.id, role: 'admin' });
    const owner = await users.create({
      ...newAccount('coordinator'),
      role: 'coordinator',
      emailVerified: true,
    });
    const ownerToken = tokens.sign({ sub: owner.id, role: 'coordinator' });

    const applied = await http
      .post('/api/v1/organizations')
      .set('Authorization', `Bearer ${ownerToken}`)
      .send(organizationApplication())
      .expect(201);
    await http
      .post(`/api/v1/organizations/${applied.body.id}/approve`)
      .set('Authorization', `Bearer ${admin}`)
      .send({})
      .expect(200);
    const rows = await app
      .get(UsersService)
      ['users'].query(
        `SELECT relayed_at FROM outbox WHERE event_type = 'organization.approved' AND payload->>'organizationId' = $1`,
        [applied.body.id],
      );
    expect(rows).toEqual([{ relayed_at: null }]);

    const ready = await http.get('/health/ready').set('Authorization', `Bearer ${admin}`);
    expect(ready.status).toBe(503);
    expect(ready.body.error.redis.status).toBe('down');
    expect(ready.body.info.database.status).toBe('up');
    const stats = await http.get('/api/v1/admin/stats').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(stats.body.queues).toBeNull();
    expectProblem(
      await http
        .post('/api/v1/auth/login')
        .send({ email: 'anyone@example.org', password: 'a sturdy passphrase 42' }),
      503,
    );
  });
});
