import type { Response } from 'supertest';
import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  register,
  registerAdmin,
  registerOrganization,
  startSecondApi,
  startTestApi,
  TestApi,
} from './support/test-api';

describe('camps and admin (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let coordinator: Account;

  const camp = (overrides: Record<string, unknown> = {}) => ({
    name: `Fictional Camp ${Math.random().toString(36).slice(2, 8)}`,
    country: 'JO',
    region: 'Zarqa',
    timezone: 'Asia/Amman',
    latitude: 31.95678,
    longitude: 36.58321,
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    ({ owner: coordinator } = await registerOrganization(api, admin));
  });

  afterAll(async () => {
    await api.close();
  });

  describe('camps', () => {
    it('lets admins create a camp, with coordinates rounded to about 1 km, and audits it', async () => {
      const response = await api.http.post('/api/v1/camps').set(bearer(admin)).send(camp()).expect(201);
      expect(response.body).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          latitude: 31.96,
          longitude: 36.58,
          timezone: 'Asia/Amman',
          country: 'JO',
        }),
      );
      const [stored] = await api.db.query('SELECT latitude::text, longitude::text FROM camps WHERE id = $1', [
        response.body.id,
      ]);
      expect(stored).toEqual({ latitude: '31.96', longitude: '36.58' });
      const [entry] = await api.db.query(
        `SELECT actor_id, summary FROM audit_log WHERE action = 'camp.created' AND entity_id = $1`,
        [response.body.id],
      );
      expect(entry.actor_id).toBe(admin.id);
    });

    it('lets admins edit a camp', async () => {
      const created = await api.http
        .post('/api/v1/camps')
        .set(bearer(admin))
        .send(camp({ latitude: null, longitude: null }))
        .expect(201);
      expect(created.body.latitude).toBeNull();
      const updated = await api.http
        .patch(`/api/v1/camps/${created.body.id}`)
        .set(bearer(admin))
        .send({ region: 'Mafraq', latitude: 32.3, longitude: 36.2 })
        .expect(200);
      expect(updated.body).toEqual(
        expect.objectContaining({ region: 'Mafraq', latitude: 32.3, longitude: 36.2 }),
      );
      expectProblem(
        await api.http
          .patch('/api/v1/camps/00000000-0000-4000-8000-000000000000')
          .set(bearer(admin))
          .send({ region: 'X' }),
        404,
      );
      expectProblem(
        await api.http.patch(`/api/v1/camps/${created.body.id}`).set(bearer(admin)).send({ latitude: null }),
        400,
        'latitude',
      );
    });

    it.each([
      ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
      ['a country that is not ISO 3166-1', { country: 'XX1' }, 'country'],
      ['a latitude out of range', { latitude: 91 }, 'latitude'],
      ['a longitude given as text', { longitude: 'east' }, 'longitude'],
      ['only one coordinate', { longitude: undefined }, 'longitude'],
      ['an unknown field', { population: 1000 }, 'population'],
    ])('refuses %s with 400', async (_case, change: Record<string, unknown>, field) => {
      const body = camp(change);
      if (change.longitude === undefined && 'longitude' in change)
        delete (body as Record<string, unknown>).longitude;
      expectProblem(await api.http.post('/api/v1/camps').set(bearer(admin)).send(body), 400, field);
    });

    it('refuses a second camp of the same name in a country', async () => {
      const body = camp();
      await api.http.post('/api/v1/camps').set(bearer(admin)).send(body).expect(201);
      expectProblem(
        await api.http
          .post('/api/v1/camps')
          .set(bearer(admin))
          .send({ ...body, name: body.name.toUpperCase() }),
        409,
      );
    });

    it('is listed for everyone signed in and changed by admins only', async () => {
      const created = await api.http.post('/api/v1/camps').set(bearer(admin)).send(camp()).expect(201);
      for (const reader of [volunteer, coordinator, admin]) {
        const list = await api.http
          .get('/api/v1/camps')
          .query({ limit: 100 })
          .set(bearer(reader))
          .expect(200);
        expect(list.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
        expect(list.body).toHaveProperty('nextCursor');
      }
      expectProblem(await api.http.get('/api/v1/camps'), 401);
      for (const caller of [volunteer, coordinator]) {
        expectProblem(await api.http.post('/api/v1/camps').set(bearer(caller)).send(camp()), 403);
        expectProblem(
          await api.http.patch(`/api/v1/camps/${created.body.id}`).set(bearer(caller)).send({ region: 'X' }),
          403,
        );
      }
      expectProblem(await api.http.post('/api/v1/camps').send(camp()), 401);
    });

    it('pages through camps by name without repeats', async () => {
      for (let i = 0; i < 3; i += 1)
        await api.http.post('/api/v1/camps').set(bearer(admin)).send(camp()).expect(201);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Response = await api.http
          .get('/api/v1/camps')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(volunteer))
          .expect(200);
        seen.push(...page.body.items.map((item: { name: string }) => item.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      const [row] = await api.db.query('SELECT count(*)::int AS count FROM camps');
      expect(seen).toHaveLength(row.count);
      expect([...seen].sort()).toEqual(seen);
    });
  });

  describe('users', () => {
    it('suspends and reinstates with effect on the very next request on every API process', async () => {
      // Each process holds account states for a few seconds; a change must reach both at once.
      const other = await startSecondApi(api);
      try {
        const target = await register(api, 'volunteer');
        await api.http.get('/api/v1/me').set(bearer(target)).expect(200);
        await other.http.get('/api/v1/me').set(bearer(target)).expect(200);
        await api.http
          .post(`/api/v1/admin/users/${target.id}/suspend`)
          .set(bearer(admin))
          .send({ reason: 'Reported conduct, under review' })
          .expect(200);
        expectProblem(await other.http.get('/api/v1/me').set(bearer(target)), 403);
        expectProblem(await api.http.get('/api/v1/me').set(bearer(target)), 403);
        await other.http
          .post(`/api/v1/admin/users/${target.id}/reinstate`)
          .set(bearer(admin))
          .send({ reason: 'Cleared' })
          .expect(200);
        await api.http.get('/api/v1/me').set(bearer(target)).expect(200);
        await other.http.get('/api/v1/me').set(bearer(target)).expect(200);

        // A deleted account is refused at once on the other process too.
        await other.http
          .delete('/api/v1/me')
          .set(bearer(target))
          .send({ password: target.password })
          .expect(204);
        expectProblem(await api.http.get('/api/v1/me').set(bearer(target)), 401);
      } finally {
        await other.close();
      }
    });

    it('suspends a user with effect on the very next request, and reinstates them', async () => {
      const target = await register(api, 'volunteer');
      await api.http.get('/api/v1/me').set(bearer(target)).expect(200);
      const suspended = await api.http
        .post(`/api/v1/admin/users/${target.id}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Reported conduct, under review' })
        .expect(200);
      expect(suspended.body).toEqual(expect.objectContaining({ id: target.id, status: 'suspended' }));
      expectProblem(await api.http.get('/api/v1/me').set(bearer(target)), 403);
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: target.refreshToken }),
        401,
      );
      expectProblem(
        await api.http
          .post(`/api/v1/admin/users/${target.id}/suspend`)
          .set(bearer(admin))
          .send({ reason: 'Again' }),
        409,
      );

      await api.http
        .post(`/api/v1/admin/users/${target.id}/reinstate`)
        .set(bearer(admin))
        .send({ reason: 'Cleared' })
        .expect(200);
      await api.http.get('/api/v1/me').set(bearer(target)).expect(200);
      expectProblem(
        await api.http
          .post(`/api/v1/admin/users/${target.id}/reinstate`)
          .set(bearer(admin))
          .send({ reason: 'Again' }),
        409,
      );

      const entries = await api.db.query(
        `SELECT action, summary FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
        [target.id],
      );
      expect(entries.map((entry: { action: string }) => entry.action)).toEqual([
        'user.suspended',
        'user.reinstated',
      ]);
      for (const entry of entries) {
        expect(entry.summary).not.toContain(target.email);
        expect(entry.summary).not.toContain('Reported conduct');
      }
    });

    it('refuses without a reason, for unknown users, for oneself and for non-admins', async () => {
      const target = await register(api, 'volunteer');
      expectProblem(
        await api.http.post(`/api/v1/admin/users/${target.id}/suspend`).set(bearer(admin)).send({}),
        400,
        'reason',
      );
      expectProblem(
        await api.http
          .post('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/suspend')
          .set(bearer(admin))
          .send({ reason: 'x' }),
        404,
      );
      expectProblem(
        await api.http
          .post(`/api/v1/admin/users/${admin.id}/suspend`)
          .set(bearer(admin))
          .send({ reason: 'x' }),
        409,
      );
      for (const caller of [volunteer, coordinator]) {
        expectProblem(
          await api.http
            .post(`/api/v1/admin/users/${target.id}/suspend`)
            .set(bearer(caller))
            .send({ reason: 'x' }),
          403,
        );
        expectProblem(
          await api.http
            .post(`/api/v1/admin/users/${target.id}/reinstate`)
            .set(bearer(caller))
            .send({ reason: 'x' }),
          403,
        );
      }
      expectProblem(
        await api.http.post(`/api/v1/admin/users/${target.id}/suspend`).send({ reason: 'x' }),
        401,
      );
      const [row] = await api.db.query(`SELECT count(*)::int AS count FROM audit_log WHERE entity_id = $1`, [
        target.id,
      ]);
      expect(row.count).toBe(0);
      await api.http.get('/api/v1/me').set(bearer(target)).expect(200);
    });
  });

  describe('audit log', () => {
    it('lists entries newest first, filtered and paged', async () => {
      const all = await api.http
        .get('/api/v1/admin/audit-log')
        .query({ limit: 100 })
        .set(bearer(admin))
        .expect(200);
      const times = all.body.items.map((entry: { createdAt: string }) => entry.createdAt);
      expect([...times].sort().reverse()).toEqual(times);

      const camps = await api.http
        .get('/api/v1/admin/audit-log')
        .query({ entity: 'camp', limit: 100 })
        .set(bearer(admin))
        .expect(200);
      expect(camps.body.items.length).toBeGreaterThan(0);
      expect(camps.body.items.every((entry: { entity: string }) => entry.entity === 'camp')).toBe(true);

      const mine = await api.http
        .get('/api/v1/admin/audit-log')
        .query({ actorId: admin.id, action: 'organization.approved' })
        .set(bearer(admin))
        .expect(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      for (const entry of mine.body.items) {
        expect(entry).toEqual(
          expect.objectContaining({
            actorId: admin.id,
            action: 'organization.approved',
            entity: 'organization',
          }),
        );
      }

      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Response = await api.http
          .get('/api/v1/admin/audit-log')
          .query({ limit: 3, ...(cursor ? { cursor } : {}) })
          .set(bearer(admin))
          .expect(200);
        ids.push(...page.body.items.map((entry: { id: string }) => entry.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(ids).toEqual(all.body.items.map((entry: { id: string }) => entry.id));
    });

    it('is for admins only and validates its filters', async () => {
      for (const caller of [volunteer, coordinator]) {
        expectProblem(await api.http.get('/api/v1/admin/audit-log').set(bearer(caller)), 403);
      }
      expectProblem(await api.http.get('/api/v1/admin/audit-log'), 401);
      expectProblem(
        await api.http.get('/api/v1/admin/audit-log').query({ actorId: 'me' }).set(bearer(admin)),
        400,
        'actorId',
      );
      expectProblem(
        await api.http.get('/api/v1/admin/audit-log').query({ entity: "x' OR 1=1" }).set(bearer(admin)),
        400,
        'entity',
      );
    });

    it('cannot be rewritten, even by the database owner', async () => {
      await expect(api.db.query(`UPDATE audit_log SET summary = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(api.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    });
  });

  describe('stats', () => {
    it('counts organisations by status and users by role, for admins only', async () => {
      await registerOrganization(api);
      const response = await api.http.get('/api/v1/admin/stats').set(bearer(admin)).expect(200);
      const [organizations] = await api.db.query(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'approved')::int AS approved FROM organizations`,
      );
      expect(response.body.organizations).toEqual(expect.objectContaining(organizations));
      expect(response.body.organizations.pending).toBeGreaterThan(0);
      const [users] = await api.db.query(
        `SELECT count(*) FILTER (WHERE role = 'volunteer')::int AS volunteer, count(*) FILTER (WHERE role = 'admin')::int AS admin FROM users WHERE deleted_at IS NULL`,
      );
      expect(response.body.users).toEqual(expect.objectContaining(users));
      for (const caller of [volunteer, coordinator]) {
        expectProblem(await api.http.get('/api/v1/admin/stats').set(bearer(caller)), 403);
      }
      expectProblem(await api.http.get('/api/v1/admin/stats'), 401);
    });
  });
});
