import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  organizationApplication,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  TestApi,
} from './support/test-api';

describe('organisations and vetting (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let otherOwner: Account;

  async function auditCount(action: string, entityId: string): Promise<number> {
    const [row] = await api.db.query(
      'SELECT count(*)::int AS count FROM audit_log WHERE action = $1 AND entity_id = $2',
      [action, entityId],
    );
    return row.count;
  }

  async function outbox(eventType: string, organizationId: string) {
    return api.db.query(
      `SELECT recipient_ids, payload FROM outbox WHERE event_type = $1 AND payload->>'organizationId' = $2`,
      [eventType, organizationId],
    );
  }

  /** The body each decision takes: a required reason to reject or suspend, an optional note otherwise. */
  const decisionBody = (action: string) =>
    action === 'reject' || action === 'suspend' ? { reason: 'Because' } : { note: 'Noted' };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    ({ owner: otherOwner } = await registerOrganization(api, admin));
  });

  afterAll(async () => {
    await api.close();
  });

  describe('applying', () => {
    it('makes the applying coordinator the owner of a pending organisation', async () => {
      const coordinator = await register(api, 'coordinator');
      const response = await api.http
        .post('/api/v1/organizations')
        .set(bearer(coordinator))
        .send(organizationApplication())
        .expect(201);
      expect(response.body).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          status: 'pending',
          country: 'JO',
          registrationNumber: expect.any(String),
        }),
      );
      const me = await api.http.get('/api/v1/me').set(bearer(coordinator)).expect(200);
      expect(me.body.organization).toEqual({
        id: response.body.id,
        name: response.body.name,
        status: 'pending',
        memberRole: 'owner',
      });
      expect(await auditCount('organization.applied', response.body.id)).toBe(1);
    });

    it('refuses a coordinator who already belongs to an organisation', async () => {
      const { owner } = await registerOrganization(api);
      expectProblem(
        await api.http.post('/api/v1/organizations').set(bearer(owner)).send(organizationApplication()),
        409,
      );
    });

    it('lets one of two simultaneous applications by one coordinator through', async () => {
      const coordinator = await register(api, 'coordinator');
      const responses = await Promise.all([
        api.http.post('/api/v1/organizations').set(bearer(coordinator)).send(organizationApplication()),
        api.http.post('/api/v1/organizations').set(bearer(coordinator)).send(organizationApplication()),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      const [row] = await api.db.query(
        'SELECT count(*)::int AS count FROM organization_members WHERE user_id = $1',
        [coordinator.id],
      );
      expect(row.count).toBe(1);
    });

    it('is for coordinators only', async () => {
      expectProblem(
        await api.http.post('/api/v1/organizations').set(bearer(volunteer)).send(organizationApplication()),
        403,
      );
      expectProblem(
        await api.http.post('/api/v1/organizations').set(bearer(admin)).send(organizationApplication()),
        403,
      );
      expectProblem(await api.http.post('/api/v1/organizations').send(organizationApplication()), 401);
    });

    it.each([
      ['a country that is not ISO 3166-1', { country: 'Jordan' }, 'country'],
      ['an unknown focus area', { focusAreas: ['education', 'weapons'] }, 'focusAreas'],
      ['no focus area', { focusAreas: [] }, 'focusAreas'],
      ['a website that is not http(s)', { website: 'javascript:alert(1)' }, 'website'],
      ['an invalid contact e-mail', { contactEmail: 'office' }, 'contactEmail'],
      ['an empty name', { name: ' ' }, 'name'],
      ['a description over 5000 characters', { description: 'x'.repeat(5001) }, 'description'],
      ['an unknown field', { status: 'approved' }, 'status'],
    ])('refuses %s with 400 and stores nothing', async (_case, change, field) => {
      const coordinator = await register(api, 'coordinator');
      const response = await api.http
        .post('/api/v1/organizations')
        .set(bearer(coordinator))
        .send(organizationApplication(change));
      expectProblem(response, 400, field);
      const [row] = await api.db.query(
        'SELECT count(*)::int AS count FROM organization_members WHERE user_id = $1',
        [coordinator.id],
      );
      expect(row.count).toBe(0);
    });
  });

  describe('reading', () => {
    it('gives admins the vetting queue, oldest first, page by page', async () => {
      const first = await registerOrganization(api);
      const second = await registerOrganization(api);
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string> = {
          status: 'pending',
          limit: '2',
          ...(cursor ? { cursor } : {}),
        };
        const page = await api.http.get('/api/v1/organizations').query(query).set(bearer(admin)).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        for (const item of page.body.items) {
          expect(item.status).toBe('pending');
          ids.push(item.id);
        }
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.indexOf(first.organizationId)).toBeLessThan(ids.indexOf(second.organizationId));
      expect(ids.indexOf(first.organizationId)).toBeGreaterThanOrEqual(0);
    });

    it('shows everyone else approved organisations only, public fields only', async () => {
      const pending = await registerOrganization(api);
      for (const reader of [volunteer, otherOwner]) {
        const response = await api.http
          .get('/api/v1/organizations')
          .query({ limit: 100 })
          .set(bearer(reader))
          .expect(200);
        expect(response.body.items.length).toBeGreaterThan(0);
        for (const item of response.body.items) {
          expect(item.status).toBe('approved');
          expect(item).not.toHaveProperty('registrationNumber');
          expect(item).not.toHaveProperty('contactEmail');
        }
        expect(response.body.items.map((item: { id: string }) => item.id)).not.toContain(
          pending.organizationId,
        );
        const asked = await api.http
          .get('/api/v1/organizations')
          .query({ status: 'pending' })
          .set(bearer(reader))
          .expect(200);
        expect(asked.body.items).toEqual([]);
      }
      expectProblem(await api.http.get('/api/v1/organizations'), 401);
    });

    it('refuses a forged cursor and a bad limit', async () => {
      expectProblem(
        await api.http.get('/api/v1/organizations').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(admin)),
        400,
        'cursor',
      );
      expectProblem(
        await api.http.get('/api/v1/organizations').query({ limit: 101 }).set(bearer(admin)),
        400,
        'limit',
      );
      expectProblem(
        await api.http.get('/api/v1/organizations').query({ status: 'secret' }).set(bearer(admin)),
        400,
        'status',
      );
    });

    it('hides a pending organisation from everyone but its members and admins', async () => {
      const { owner, organizationId } = await registerOrganization(api);
      const full = await api.http
        .get(`/api/v1/organizations/${organizationId}`)
        .set(bearer(owner))
        .expect(200);
      expect(full.body.registrationNumber).toEqual(expect.any(String));
      await api.http.get(`/api/v1/organizations/${organizationId}`).set(bearer(admin)).expect(200);
      expectProblem(
        await api.http.get(`/api/v1/organizations/${organizationId}`).set(bearer(volunteer)),
        404,
      );
      expectProblem(
        await api.http.get(`/api/v1/organizations/${organizationId}`).set(bearer(otherOwner)),
        404,
      );
      expectProblem(await api.http.get(`/api/v1/organizations/${organizationId}`), 401);
      expectProblem(
        await api.http.get(`/api/v1/organizations/${organizationId}/members`).set(bearer(otherOwner)),
        404,
      );
    });

    it('shows an approved organisation publicly, and answers 404 for unknown ids and 400 for malformed ones', async () => {
      const { organizationId } = await registerOrganization(api, admin);
      const response = await api.http
        .get(`/api/v1/organizations/${organizationId}`)
        .set(bearer(volunteer))
        .expect(200);
      expect(response.body).not.toHaveProperty('registrationNumber');
      expect(response.body).not.toHaveProperty('decisions');
      expectProblem(
        await api.http.get('/api/v1/organizations/00000000-0000-4000-8000-000000000000').set(bearer(admin)),
        404,
      );
      expectProblem(await api.http.get('/api/v1/organizations/not-a-uuid').set(bearer(admin)), 400, 'id');
    });
  });

  describe('vetting', () => {
    it('walks the whole lifecycle, with reasons, audit entries and notifications', async () => {
      const { owner, organizationId } = await registerOrganization(api);
      const base = `/api/v1/organizations/${organizationId}`;

      const approved = await api.http
        .post(`${base}/approve`)
        .set(bearer(admin))
        .send({ note: 'Documents checked' })
        .expect(200);
      expect(approved.body.status).toBe('approved');
      const inAYear = new Date();
      inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
      expect(approved.body.reviewBy).toBe(inAYear.toISOString().slice(0, 10));
      expect((await outbox('organization.approved', organizationId))[0].recipient_ids).toEqual([owner.id]);

      expectProblem(await api.http.post(`${base}/suspend`).set(bearer(admin)).send({}), 400, 'reason');
      const suspended = await api.http
        .post(`${base}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Complaint under review' })
        .expect(200);
      expect(suspended.body.status).toBe('suspended');
      expect(suspended.body.decisions.map((decision: { decision: string }) => decision.decision)).toEqual([
        'approve',
        'suspend',
      ]);
      expect(suspended.body.decisions[1]).toEqual(
        expect.objectContaining({ reason: 'Complaint under review', actorId: admin.id }),
      );
      expect(await outbox('organization.suspended', organizationId)).toHaveLength(1);

      // Members can still read their suspended organisation.
      const seen = await api.http.get(base).set(bearer(owner)).expect(200);
      expect(seen.body.status).toBe('suspended');
      const me = await api.http.get('/api/v1/me').set(bearer(owner)).expect(200);
      expect(me.body.organization.status).toBe('suspended');

      const reinstated = await api.http
        .post(`${base}/reinstate`)
        .set(bearer(admin))
        .send({ reviewBy: '2030-01-31' })
        .expect(200);
      expect(reinstated.body.status).toBe('approved');
      expect(reinstated.body.reviewBy).toBe('2030-01-31');

      for (const action of [
        'organization.applied',
        'organization.approved',
        'organization.suspended',
        'organization.reinstated',
      ]) {
        expect(await auditCount(action, organizationId)).toBe(1);
      }
    });

    it('rejects a pending organisation with a reason and notifies its members', async () => {
      const { owner, organizationId } = await registerOrganization(api);
      expectProblem(
        await api.http
          .post(`/api/v1/organizations/${organizationId}/reject`)
          .set(bearer(admin))
          .send({ reason: '' }),
        400,
        'reason',
      );
      const rejected = await api.http
        .post(`/api/v1/organizations/${organizationId}/reject`)
        .set(bearer(admin))
        .send({ reason: 'Registration could not be verified' })
        .expect(200);
      expect(rejected.body.status).toBe('rejected');
      expect((await outbox('organization.rejected', organizationId))[0].recipient_ids).toEqual([owner.id]);
    });

    it.each([
      ['pending', ['suspend', 'reinstate']],
      ['approved', ['approve', 'reject', 'reinstate']],
      ['rejected', ['approve', 'reject', 'suspend', 'reinstate']],
      ['suspended', ['approve', 'reject', 'suspend']],
    ])('refuses every illegal transition from %s with 409 and writes nothing', async (state, actions) => {
      const { organizationId } = await registerOrganization(api);
      const base = `/api/v1/organizations/${organizationId}`;
      if (state === 'approved' || state === 'suspended')
        await api.http.post(`${base}/approve`).set(bearer(admin)).send({}).expect(200);
      if (state === 'suspended')
        await api.http.post(`${base}/suspend`).set(bearer(admin)).send({ reason: 'Test' }).expect(200);
      if (state === 'rejected')
        await api.http.post(`${base}/reject`).set(bearer(admin)).send({ reason: 'Test' }).expect(200);
      const [before] = await api.db.query(
        'SELECT count(*)::int AS count FROM audit_log WHERE entity_id = $1',
        [organizationId],
      );
      for (const action of actions) {
        expectProblem(
          await api.http.post(`${base}/${action}`).set(bearer(admin)).send(decisionBody(action)),
          409,
        );
      }
      const [after] = await api.db.query(
        'SELECT count(*)::int AS count FROM audit_log WHERE entity_id = $1',
        [organizationId],
      );
      expect(after.count).toBe(before.count);
      expect((await api.http.get(base).set(bearer(admin))).body.status).toBe(state);
    });

    it('lets only one of two simultaneous decisions win', async () => {
      const { organizationId } = await registerOrganization(api);
      const responses = await Promise.all([
        api.http.post(`/api/v1/organizations/${organizationId}/approve`).set(bearer(admin)).send({}),
        api.http
          .post(`/api/v1/organizations/${organizationId}/reject`)
          .set(bearer(admin))
          .send({ reason: 'Duplicate' }),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      const [row] = await api.db.query(
        'SELECT count(*)::int AS count FROM organization_decisions WHERE organization_id = $1',
        [organizationId],
      );
      expect(row.count).toBe(1);
    });

    it('is for admins only, and 404 for unknown organisations', async () => {
      const { owner, organizationId } = await registerOrganization(api);
      for (const action of ['approve', 'reject', 'suspend', 'reinstate']) {
        const path = `/api/v1/organizations/${organizationId}/${action}`;
        expectProblem(await api.http.post(path).send(decisionBody(action)), 401);
        for (const caller of [volunteer, owner, otherOwner]) {
          expectProblem(await api.http.post(path).set(bearer(caller)).send(decisionBody(action)), 403);
        }
        expectProblem(
          await api.http
            .post(`/api/v1/organizations/00000000-0000-4000-8000-000000000000/${action}`)
            .set(bearer(admin))
            .send(decisionBody(action)),
          404,
        );
      }
      expect(await auditCount('organization.approved', organizationId)).toBe(0);
    });

    it('refuses a review date that is not a date', async () => {
      const { organizationId } = await registerOrganization(api);
      expectProblem(
        await api.http
          .post(`/api/v1/organizations/${organizationId}/approve`)
          .set(bearer(admin))
          .send({ reviewBy: 'next year' }),
        400,
        'reviewBy',
      );
    });

    it('lists organisations due for re-vetting for admins', async () => {
      const { organizationId } = await registerOrganization(api, admin);
      await api.db.query(`UPDATE organizations SET review_by = CURRENT_DATE - 1 WHERE id = $1`, [
        organizationId,
      ]);
      const due = await api.http
        .get('/api/v1/organizations')
        .query({ reviewDue: 'true', limit: 100 })
        .set(bearer(admin))
        .expect(200);
      expect(due.body.items.map((item: { id: string }) => item.id)).toEqual([organizationId]);
      const hidden = await api.http
        .get('/api/v1/organizations')
        .query({ reviewDue: 'true' })
        .set(bearer(volunteer))
        .expect(200);
      expect(hidden.body.items).toEqual([]);
    });
  });
});
