import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  joinOrganization,
  needBody,
  organizationApplication,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('organisation membership by invitation and consent (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let otherOwner: Account;
  let otherOrganizationId: string;

  const invite = (account: Account | null, organizationId: string, email: string) => {
    const call = api.http.post(`/api/v1/organizations/${organizationId}/invitations`);
    return (account ? call.set(bearer(account)) : call).send({ email });
  };
  const myInvitations = (account: Account, query = '') =>
    api.http.get(`/api/v1/me/invitations${query}`).set(bearer(account));
  const answer = (account: Account, invitationId: string, verb: 'accept' | 'decline') =>
    api.http.post(`/api/v1/me/invitations/${invitationId}/${verb}`).set(bearer(account));
  const leave = (account: Account | null, organizationId: string, userId: string) => {
    const call = api.http.delete(`/api/v1/organizations/${organizationId}/members/${userId}`);
    return account ? call.set(bearer(account)) : call;
  };
  const makeOwner = (account: Account, organizationId: string, userId: string) =>
    api.http
      .patch(`/api/v1/organizations/${organizationId}/members/${userId}`)
      .set(bearer(account))
      .send({ memberRole: 'owner' });
  const invitationRows = (organizationId: string) =>
    api.db.query(
      `SELECT invitee_id, status FROM organization_invitations WHERE organization_id = $1 ORDER BY created_at`,
      [organizationId],
    );
  const invitationOutbox = (organizationId: string) =>
    api.db.query(
      `SELECT recipient_ids, payload FROM outbox WHERE event_type = 'organization.invitation'
          AND payload->>'organizationId' = $1`,
      [organizationId],
    );
  const memberIds = async (organizationId: string) =>
    (
      (await api.db.query(
        'SELECT user_id FROM organization_members WHERE organization_id = $1 ORDER BY user_id',
        [organizationId],
      )) as { user_id: string }[]
    ).map((row) => row.user_id);
  const auditCount = async (action: string, organizationId: string) =>
    (
      await api.db.query(
        'SELECT count(*)::int AS count FROM audit_log WHERE action = $1 AND entity_id = $2',
        [action, organizationId],
      )
    )[0].count as number;

  /** The single open invitation of `invitee` from this organisation, read through the API. */
  async function invitationOf(invitee: Account, organizationId: string): Promise<string> {
    const listed = await myInvitations(invitee).expect(200);
    const found = listed.body.items.find(
      (item: { organization: { id: string } }) => item.organization.id === organizationId,
    );
    if (!found) throw new Error('no invitation listed');
    return found.id;
  }

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    ({ owner: otherOwner, organizationId: otherOrganizationId } = await registerOrganization(api, admin));
  });

  afterAll(async () => {
    await api.close();
  });

  it('describes the invitation routes in the OpenAPI document, and adding a member directly is gone', async () => {
    const { owner, organizationId } = await registerOrganization(api, admin);
    const colleague = await register(api, 'coordinator');
    expectProblem(
      await api.http
        .post(`/api/v1/organizations/${organizationId}/members`)
        .set(bearer(owner))
        .send({ email: colleague.email }),
      404,
    );
    expect(await memberIds(organizationId)).toEqual([owner.id]);
    const document = await api.http.get('/api/openapi.json').expect(200);
    const paths = document.body.paths;
    expect(paths['/api/v1/organizations/{id}/invitations'].post.responses).toHaveProperty('202');
    expect(paths['/api/v1/me/invitations'].get.responses['200']).toBeDefined();
    expect(paths['/api/v1/me/invitations/{id}/accept'].post.responses).toHaveProperty('200');
    expect(paths['/api/v1/me/invitations/{id}/decline'].post.responses).toHaveProperty('204');
    expect(paths['/api/v1/organizations/{id}/members/{userId}'].delete.responses).toHaveProperty('204');
    expect(paths['/api/v1/organizations/{id}/members/{userId}'].patch).toBeDefined();
    expect(paths['/api/v1/organizations/{id}/members'].post).toBeUndefined();
    expect(
      paths['/api/v1/organizations/{id}/safeguarding-clearances/{clearanceId}'].delete.responses,
    ).toHaveProperty('204');
  });

  describe('inviting', () => {
    it('invites a free coordinator, who sees the invitation and joins only by accepting it', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const colleague = await register(api, 'coordinator');
      const sent = await invite(owner, organizationId, colleague.email.toUpperCase()).expect(202);
      expect(sent.text).toBe('');
      // Nothing changes until the invitee consents.
      expect(await memberIds(organizationId)).toEqual([owner.id]);
      expect(await invitationOutbox(organizationId)).toEqual([
        {
          recipient_ids: [colleague.id],
          payload: expect.objectContaining({ invitationId: expect.any(String), organizationId }),
        },
      ]);

      const listed = await myInvitations(colleague).expect(200);
      expect(listed.body).toEqual({
        items: [
          {
            id: expect.any(String),
            organization: { id: organizationId, name: expect.stringMatching(/^Fictional Relief/) },
            invitedAt: expect.any(String),
            expiresAt: expect.any(String),
          },
        ],
        nextCursor: null,
      });
      const [item] = listed.body.items;
      expect(new Date(item.expiresAt).getTime() - new Date(item.invitedAt).getTime()).toBe(
        14 * 24 * 3_600_000,
      );

      const accepted = await answer(colleague, item.id, 'accept').expect(200);
      expect(accepted.body).toEqual({
        organization: {
          id: organizationId,
          name: item.organization.name,
          status: 'approved',
          memberRole: 'coordinator',
        },
      });
      const me = await api.http.get('/api/v1/me').set(bearer(colleague)).expect(200);
      expect(me.body.organization).toEqual(
        expect.objectContaining({ id: organizationId, memberRole: 'coordinator' }),
      );
      expect(await memberIds(organizationId)).toEqual([owner.id, colleague.id].sort());
      expect((await myInvitations(colleague).expect(200)).body.items).toEqual([]);
      expectProblem(await answer(colleague, item.id, 'accept'), 409);
      expectProblem(await answer(colleague, item.id, 'decline'), 409);
      expect(await auditCount('organization.member_invited', organizationId)).toBe(1);
      expect(await auditCount('organization.member_joined', organizationId)).toBe(1);
    });

    it('answers every address alike, and invites only a registered coordinator in no organisation', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const member = await joinOrganization(api, owner, organizationId);
      const suspended = await register(api, 'coordinator');
      await api.http
        .post(`/api/v1/admin/users/${suspended.id}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Test' })
        .expect(200);
      const deleted = await register(api, 'coordinator');
      await api.http
        .delete('/api/v1/me')
        .set(bearer(deleted))
        .send({ password: deleted.password })
        .expect(204);
      const before = await invitationRows(organizationId);
      const addresses = [
        'nobody-at-all@example.org',
        volunteer.email,
        admin.email,
        otherOwner.email,
        member.email,
        owner.email,
        suspended.email,
        deleted.email,
      ];
      const answers = [];
      for (const email of addresses) answers.push(await invite(owner, organizationId, email));
      for (const response of answers) {
        expect(response.status).toBe(202);
        expect(response.text).toBe('');
        expect(response.headers['content-type']).toBe(answers[0].headers['content-type']);
      }
      expect(await invitationRows(organizationId)).toEqual(before);
      expect(await invitationOutbox(organizationId)).toHaveLength(1); // the member's own, when they joined

      // Inviting the same free coordinator twice sends one invitation.
      const free = await register(api, 'coordinator');
      await invite(owner, organizationId, free.email).expect(202);
      await invite(owner, organizationId, free.email).expect(202);
      expect(await invitationRows(organizationId)).toEqual([
        ...before,
        { invitee_id: free.id, status: 'pending' },
      ]);
    });

    it('lets only the organisation’s owners invite', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const member = await joinOrganization(api, owner, organizationId);
      const outsider = await register(api, 'coordinator');
      expectProblem(await invite(null, organizationId, outsider.email), 401);
      expectProblem(await invite(volunteer, organizationId, outsider.email), 403);
      expectProblem(await invite(admin, organizationId, outsider.email), 403);
      expectProblem(await invite(member, organizationId, outsider.email), 403);
      expectProblem(await invite(otherOwner, organizationId, outsider.email), 403);
      expectProblem(await invite(owner, otherOrganizationId, outsider.email), 403);
      expectProblem(await invite(owner, UNKNOWN_ID, outsider.email), 404);
      expectProblem(await invite(owner, organizationId, 'not an address'), 400, 'email');
      expectProblem(
        await api.http
          .post(`/api/v1/organizations/${organizationId}/invitations`)
          .set(bearer(owner))
          .send({ email: outsider.email, memberRole: 'owner' }),
        400,
      );
      expect((await myInvitations(outsider).expect(200)).body.items).toEqual([]);
    });

    it('lets a pending organisation’s owner invite; outsiders do not learn it exists', async () => {
      const { owner, organizationId } = await registerOrganization(api);
      const colleague = await register(api, 'coordinator');
      expectProblem(await invite(otherOwner, organizationId, colleague.email), 404);
      await invite(owner, organizationId, colleague.email).expect(202);
      const accepted = await answer(
        colleague,
        await invitationOf(colleague, organizationId),
        'accept',
      ).expect(200);
      expect(accepted.body.organization).toEqual(expect.objectContaining({ status: 'pending' }));
      // A member of a pending organisation still cannot post anything until it is approved.
      expect(await memberIds(organizationId)).toEqual([owner.id, colleague.id].sort());
    });

    it('freezes invitations of a suspended organisation, and its open ones can no longer be accepted', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const colleague = await register(api, 'coordinator');
      await invite(owner, organizationId, colleague.email).expect(202);
      const invitationId = await invitationOf(colleague, organizationId);
      await api.http
        .post(`/api/v1/organizations/${organizationId}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Review' })
        .expect(200);
      const refused = await invite(owner, organizationId, (await register(api, 'coordinator')).email);
      expectProblem(refused, 403);
      expect(refused.body.type).toContain('organization_not_active');
      expect((await myInvitations(colleague).expect(200)).body.items).toEqual([]);
      expectProblem(await answer(colleague, invitationId, 'accept'), 409);
      expect(await memberIds(organizationId)).toEqual([owner.id]);
    });
  });

  describe('answering', () => {
    it('keeps each invitation to its invitee: others get 404, other roles 403', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const invitee = await register(api, 'coordinator');
      const stranger = await register(api, 'coordinator');
      const member = await joinOrganization(api, owner, organizationId);
      await invite(owner, organizationId, invitee.email).expect(202);
      const invitationId = await invitationOf(invitee, organizationId);
      for (const verb of ['accept', 'decline'] as const) {
        expectProblem(await answer(stranger, invitationId, verb), 404);
        expectProblem(await answer(member, invitationId, verb), 404);
        expectProblem(await answer(owner, invitationId, verb), 404);
        expectProblem(await answer(otherOwner, invitationId, verb), 404);
        expectProblem(await answer(volunteer, invitationId, verb), 403);
        expectProblem(await answer(admin, invitationId, verb), 403);
        expectProblem(await api.http.post(`/api/v1/me/invitations/${invitationId}/${verb}`), 401);
        expectProblem(await answer(invitee, UNKNOWN_ID, verb), 404);
      }
      for (const other of [stranger, member, owner, otherOwner]) {
        expect((await myInvitations(other).expect(200)).body.items).toEqual([]);
      }
      expectProblem(await myInvitations(volunteer), 403);
      expectProblem(await myInvitations(admin), 403);
      expectProblem(await api.http.get('/api/v1/me/invitations'), 401);
      expect(await invitationRows(organizationId)).toEqual([
        { invitee_id: member.id, status: 'accepted' },
        { invitee_id: invitee.id, status: 'pending' },
      ]);
    });

    it('declines: the invitation goes, no membership, and it cannot be accepted afterwards', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const invitee = await register(api, 'coordinator');
      await invite(owner, organizationId, invitee.email).expect(202);
      const invitationId = await invitationOf(invitee, organizationId);
      await answer(invitee, invitationId, 'decline').expect(204);
      expect((await myInvitations(invitee).expect(200)).body.items).toEqual([]);
      const exported = await api.http.get('/api/v1/me/export').set(bearer(invitee)).expect(200);
      expect(exported.body.invitations).toEqual([
        expect.objectContaining({
          id: invitationId,
          organizationId,
          status: 'declined',
          answeredAt: expect.any(String),
        }),
      ]);
      expectProblem(await answer(invitee, invitationId, 'accept'), 409);
      expect(await memberIds(organizationId)).toEqual([owner.id]);
      expect(await auditCount('organization.invitation_declined', organizationId)).toBe(1);
      // The owner may invite again; that is a new invitation.
      await invite(owner, organizationId, invitee.email).expect(202);
      expect(await invitationOf(invitee, organizationId)).not.toBe(invitationId);
    });

    it('lets an invitation lapse after 14 days; inviting again sends a fresh one', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const invitee = await register(api, 'coordinator');
      await invite(owner, organizationId, invitee.email).expect(202);
      const invitationId = await invitationOf(invitee, organizationId);
      // Fourteen days pass.
      await api.db.query(
        `UPDATE organization_invitations SET created_at = created_at - interval '14 days',
                expires_at = expires_at - interval '14 days' WHERE id = $1`,
        [invitationId],
      );
      expect((await myInvitations(invitee).expect(200)).body.items).toEqual([]);
      const lapsed = await answer(invitee, invitationId, 'accept');
      expectProblem(lapsed, 409);
      expect(lapsed.body.type).toContain('invitation_expired');
      await invite(owner, organizationId, invitee.email).expect(202);
      expect(await invitationRows(organizationId)).toEqual([
        { invitee_id: invitee.id, status: 'expired' },
        { invitee_id: invitee.id, status: 'pending' },
      ]);
      expect(await invitationOutbox(organizationId)).toHaveLength(2);
      await answer(invitee, await invitationOf(invitee, organizationId), 'accept').expect(200);
    });

    it('refuses acceptance (409) once the invitee joined or founded another organisation', async () => {
      const first = await registerOrganization(api, admin);
      const second = await registerOrganization(api, admin);
      const invitee = await register(api, 'coordinator');
      await invite(first.owner, first.organizationId, invitee.email).expect(202);
      await invite(second.owner, second.organizationId, invitee.email).expect(202);
      const listed = await myInvitations(invitee, '?limit=1').expect(200);
      expect(listed.body.items).toHaveLength(1);
      const rest = await myInvitations(invitee, `?limit=1&cursor=${listed.body.nextCursor}`).expect(200);
      expect(rest.body.items).toHaveLength(1);
      expect(rest.body.nextCursor).toBeNull();
      expect(listed.body.items[0].organization.id).toBe(second.organizationId); // newest first

      await answer(invitee, await invitationOf(invitee, first.organizationId), 'accept').expect(200);
      const refused = await answer(invitee, await invitationOf(invitee, second.organizationId), 'accept');
      expectProblem(refused, 409);
      expect(refused.body.type).toContain('already_member');

      const founder = await register(api, 'coordinator');
      await invite(first.owner, first.organizationId, founder.email).expect(202);
      const invitationId = await invitationOf(founder, first.organizationId);
      await api.http
        .post('/api/v1/organizations')
        .set(bearer(founder))
        .send(organizationApplication())
        .expect(201);
      expectProblem(await answer(founder, invitationId, 'accept'), 409);
      expect(await memberIds(first.organizationId)).toEqual([first.owner.id, invitee.id].sort());
    });

    it('joins exactly one organisation when two invitations are accepted at once', async () => {
      const organizations = [];
      for (let index = 0; index < 4; index += 1) organizations.push(await registerOrganization(api, admin));
      const invitee = await register(api, 'coordinator');
      for (const { owner, organizationId } of organizations) {
        await invite(owner, organizationId, invitee.email).expect(202);
      }
      const ids = (await myInvitations(invitee).expect(200)).body.items.map(
        (item: { id: string }) => item.id,
      );
      const responses = await Promise.all(ids.map((id: string) => answer(invitee, id, 'accept')));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409, 409]);
      const [row] = await api.db.query(
        'SELECT count(*)::int AS count FROM organization_members WHERE user_id = $1',
        [invitee.id],
      );
      expect(row.count).toBe(1);
    });
  });

  describe('leaving and removing', () => {
    it('lets any member leave, and an owner remove a member; no one else', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const [leaving, removed, plain] = [
        await joinOrganization(api, owner, organizationId),
        await joinOrganization(api, owner, organizationId),
        await joinOrganization(api, owner, organizationId),
      ];
      expectProblem(await leave(null, organizationId, removed.id), 401);
      expectProblem(await leave(volunteer, organizationId, removed.id), 403);
      expectProblem(await leave(admin, organizationId, removed.id), 403);
      expectProblem(await leave(plain, organizationId, removed.id), 403);
      expectProblem(await leave(plain, organizationId, owner.id), 403);
      expectProblem(await leave(otherOwner, organizationId, removed.id), 403);
      expectProblem(await leave(owner, otherOrganizationId, otherOwner.id), 403);
      expectProblem(await leave(owner, organizationId, otherOwner.id), 404);
      expectProblem(await leave(owner, organizationId, UNKNOWN_ID), 404);
      await leave(leaving, organizationId, leaving.id).expect(204);
      await leave(owner, organizationId, removed.id).expect(204);
      expect(await memberIds(organizationId)).toEqual([owner.id, plain.id].sort());
      expect(await auditCount('organization.member_left', organizationId)).toBe(1);
      expect(await auditCount('organization.member_removed', organizationId)).toBe(1);
      // Having left, they are free to be invited elsewhere or found their own.
      await api.http
        .post('/api/v1/organizations')
        .set(bearer(leaving))
        .send(organizationApplication())
        .expect(201);
    });

    it('never leaves an organisation without an owner; an owner hands over first', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const successor = await joinOrganization(api, owner, organizationId);
      const lastOwner = await leave(owner, organizationId, owner.id);
      expectProblem(lastOwner, 409);
      expect(lastOwner.body.type).toContain('last_owner');
      expectProblem(await makeOwner(successor, organizationId, successor.id), 403);
      await makeOwner(owner, organizationId, successor.id).expect(200);
      await leave(owner, organizationId, owner.id).expect(204);
      expectProblem(await leave(successor, organizationId, successor.id), 409);
      expectProblem(
        await api.http
          .patch(`/api/v1/organizations/${organizationId}/members/${successor.id}`)
          .set(bearer(successor))
          .send({ memberRole: 'coordinator' }),
        409,
      );
      expect(await memberIds(organizationId)).toEqual([successor.id]);
    });

    it('keeps one owner when two owners leave at the same moment', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const second = await joinOrganization(api, owner, organizationId);
      await makeOwner(owner, organizationId, second.id).expect(200);
      const responses = await Promise.all([
        leave(owner, organizationId, owner.id),
        leave(second, organizationId, second.id),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([204, 409]);
      const [row] = await api.db.query(
        `SELECT count(*)::int AS count FROM organization_members WHERE organization_id = $1 AND member_role = 'owner'`,
        [organizationId],
      );
      expect(row.count).toBe(1);
    });

    it('lets members of a suspended organisation leave, while its owner can no longer remove anyone', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const [first, second] = [
        await joinOrganization(api, owner, organizationId),
        await joinOrganization(api, owner, organizationId),
      ];
      await api.http
        .post(`/api/v1/organizations/${organizationId}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Review' })
        .expect(200);
      expectProblem(await leave(owner, organizationId, first.id), 403);
      await leave(second, organizationId, second.id).expect(204);
      expectProblem(await leave(owner, organizationId, owner.id), 409);
    });

    it('lets the last owner of a rejected organisation leave and apply again', async () => {
      const { owner, organizationId } = await registerOrganization(api);
      await api.http
        .post(`/api/v1/organizations/${organizationId}/reject`)
        .set(bearer(admin))
        .send({ reason: 'Not an NGO' })
        .expect(200);
      await leave(owner, organizationId, owner.id).expect(204);
      await api.http
        .post('/api/v1/organizations')
        .set(bearer(owner))
        .send(organizationApplication())
        .expect(201);
    });
  });

  describe('deleting an account', () => {
    const deleteAccount = (account: Account) =>
      api.http.delete('/api/v1/me').set(bearer(account)).send({ password: account.password });
    const organizationStatus = async (organizationId: string) =>
      (await api.db.query('SELECT status FROM organizations WHERE id = $1', [organizationId]))[0].status;

    it('asks a sole owner with other members to hand over first (409), then deletes', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const successor = await joinOrganization(api, owner, organizationId);
      const refused = await deleteAccount(owner);
      expectProblem(refused, 409);
      expect(refused.body.type).toContain('sole_owner');
      expect(refused.body.detail).toMatch(/owner/);
      await api.http.get('/api/v1/me').set(bearer(owner)).expect(200);
      expect(await memberIds(organizationId)).toEqual([owner.id, successor.id].sort());
      expect(await organizationStatus(organizationId)).toBe('approved');

      await makeOwner(owner, organizationId, successor.id).expect(200);
      await deleteAccount(owner).expect(204);
      expect(await memberIds(organizationId)).toEqual([successor.id]);
      expect(await organizationStatus(organizationId)).toBe('approved');
    });

    it('closes the organisation of its only member: open work cancelled, volunteers told', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const campId = await createCamp(api, admin);
      const need = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send(needBody(campId, { items: [{ name: 'Blankets', unit: 'boxes', quantity: 10 }] }))
        .expect(201);
      const task = await api.http
        .post(`/api/v1/needs/${need.body.id}/tasks`)
        .set(bearer(owner))
        .send(taskBody())
        .expect(201);
      const signedUp = await register(api);
      const pledger = await register(api);
      await api.http.post(`/api/v1/tasks/${task.body.id}/signups`).set(bearer(signedUp)).send({}).expect(201);
      await api.http
        .post(`/api/v1/needs/${need.body.id}/items/${need.body.items[0].id}/pledges`)
        .set(bearer(pledger))
        .send({ quantity: 2 })
        .expect(201);
      const invitee = await register(api, 'coordinator');
      await invite(owner, organizationId, invitee.email).expect(202);

      await deleteAccount(owner).expect(204);

      expect(await memberIds(organizationId)).toEqual([]);
      expect(await organizationStatus(organizationId)).toBe('closed');
      expect(await auditCount('organization.closed', organizationId)).toBe(1);
      expect(await invitationRows(organizationId)).toEqual([{ invitee_id: invitee.id, status: 'withdrawn' }]);
      const [row] = await api.db.query(
        `SELECT n.status AS need, t.status AS task, p.status AS pledge
           FROM needs n JOIN tasks t ON t.need_id = n.id JOIN pledges p ON p.need_id = n.id WHERE n.id = $1`,
        [need.body.id],
      );
      expect(row).toEqual({ need: 'cancelled', task: 'cancelled', pledge: 'cancelled' });
      const [told] = await api.db.query(
        `SELECT recipient_ids FROM outbox WHERE event_type = 'need.cancelled' AND payload->>'needId' = $1`,
        [need.body.id],
      );
      expect([...told.recipient_ids].sort()).toEqual([signedUp.id, pledger.id].sort());
      // The closed organisation takes no new work, and vetting cannot bring it back.
      await api.http.get(`/api/v1/tasks/${task.body.id}`).set(bearer(signedUp)).expect(404);
      expectProblem(
        await api.http
          .post(`/api/v1/organizations/${organizationId}/suspend`)
          .set(bearer(admin))
          .send({ reason: 'Checking the closure.' }),
        409,
      );
      const closed = await api.http.get('/api/v1/organizations?status=closed').set(bearer(admin)).expect(200);
      expect(closed.body.items.map((item: { id: string }) => item.id)).toContain(organizationId);
    });

    it('closes a pending organisation of its only member too', async () => {
      const lone = await registerOrganization(api);
      await deleteAccount(lone.owner).expect(204);
      expect(await organizationStatus(lone.organizationId)).toBe('closed');
      expectProblem(
        await api.http
          .post(`/api/v1/organizations/${lone.organizationId}/approve`)
          .set(bearer(admin))
          .send({}),
        409,
      );
    });

    it('takes a member out of their organisation and withdraws their open invitations', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const member = await joinOrganization(api, owner, organizationId);
      const invitee = await register(api, 'coordinator');
      await invite(owner, organizationId, invitee.email).expect(202);
      await deleteAccount(member).expect(204);
      await deleteAccount(invitee).expect(204);
      expect(await memberIds(organizationId)).toEqual([owner.id]);
      const rows = await invitationRows(organizationId);
      expect(rows).toEqual(expect.arrayContaining([{ invitee_id: invitee.id, status: 'withdrawn' }]));
    });
  });
});
