import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  manyVolunteers,
  needBody,
  register,
  registerAdmin,
  registerOrganization,
  startTestApi,
  TestApi,
} from './support/test-api';

describe('supply items and pledges (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let otherVolunteer: Account;
  let owner: Account;
  let otherOwner: Account;
  let campId: string;

  /** A fresh supply need of the owner's organisation with one item of the given quantity. */
  async function supplyNeed(quantity: number, account: Account = owner) {
    const response = await api.http
      .post('/api/v1/needs')
      .set(bearer(account))
      .send(
        needBody(campId, {
          category: 'supplies',
          items: [
            { name: 'Winter blankets', unit: 'pieces', quantity },
            { name: 'Water containers', unit: '20-litre jerrycans', quantity: 5 },
          ],
        }),
      )
      .expect(201);
    return {
      needId: response.body.id as string,
      itemId: response.body.items[0].id as string,
      other: response.body.items[1].id as string,
    };
  }

  const pledge = (account: { accessToken: string }, needId: string, itemId: string, quantity: unknown) =>
    api.http.post(`/api/v1/needs/${needId}/items/${itemId}/pledges`).set(bearer(account)).send({ quantity });

  const item = async (needId: string, itemId: string) => {
    const need = await api.http.get(`/api/v1/needs/${needId}`).set(bearer(owner)).expect(200);
    return { need: need.body, item: need.body.items.find((entry: { id: string }) => entry.id === itemId) };
  };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    otherVolunteer = await register(api, 'volunteer');
    campId = await createCamp(api, admin);
    ({ owner } = await registerOrganization(api, admin));
    ({ owner: otherOwner } = await registerOrganization(api, admin));
  });

  afterAll(async () => {
    await api.close();
  });

  it('takes a pledge, shows it on the item, and audits it', async () => {
    const { needId, itemId } = await supplyNeed(10);
    const response = await pledge(volunteer, needId, itemId, 4).expect(201);
    expect(response.body).toEqual(
      expect.objectContaining({ id: expect.any(String), status: 'pledged', quantity: 4 }),
    );
    expect((await item(needId, itemId)).item).toEqual(
      expect.objectContaining({ quantity: 10, pledged: 4, delivered: 0, remaining: 6 }),
    );
    const [row] = await api.db.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'pledge.created' AND entity_id = $1`,
      [response.body.id],
    );
    expect(row.count).toBe(1);
    const mine = await api.http.get('/api/v1/me/pledges').set(bearer(volunteer)).expect(200);
    expect(mine.body.items.map((entry: { id: string }) => entry.id)).toContain(response.body.id);
    const exported = await api.http.get('/api/v1/me/export').set(bearer(volunteer)).expect(200);
    expect(exported.body.pledges.map((entry: { id: string }) => entry.id)).toContain(response.body.id);
  });

  it.each([
    ['anonymous', 401],
    ['a coordinator', 403],
    ['an admin', 403],
  ])('refuses a pledge from %s with %i', async (who, status) => {
    const { needId, itemId } = await supplyNeed(10);
    const request = api.http.post(`/api/v1/needs/${needId}/items/${itemId}/pledges`).send({ quantity: 1 });
    if (who === 'a coordinator') request.set(bearer(otherOwner));
    if (who === 'an admin') request.set(bearer(admin));
    expectProblem(await request, status);
  });

  it.each([0, -1, 1.5, '2', null, 1_000_001])('refuses the quantity %p with 400', async (quantity) => {
    const { needId, itemId } = await supplyNeed(10);
    expectProblem(await pledge(volunteer, needId, itemId, quantity), 400, 'quantity');
  });

  it('answers 404 for an unknown item, and for an item of another need', async () => {
    const { needId } = await supplyNeed(10);
    const { other } = await supplyNeed(10);
    expectProblem(await pledge(volunteer, needId, '00000000-0000-4000-8000-000000000000', 1), 404);
    expectProblem(await pledge(volunteer, needId, other, 1), 404);
  });

  it('refuses more than remains wanted with 409, saying how many remain', async () => {
    const { needId, itemId } = await supplyNeed(10);
    await pledge(volunteer, needId, itemId, 7).expect(201);
    const refused = await pledge(otherVolunteer, needId, itemId, 4);
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(/3 more/);
    await pledge(otherVolunteer, needId, itemId, 3).expect(201);
  });

  it('marks the need filled when every item is fully pledged, and open again when a pledge is cancelled', async () => {
    const { needId, itemId, other } = await supplyNeed(2);
    await pledge(volunteer, needId, itemId, 2).expect(201);
    const last = await pledge(volunteer, needId, other, 5).expect(201);
    expect((await item(needId, itemId)).need.status).toBe('filled');
    expectProblem(await pledge(otherVolunteer, needId, other, 1), 409);
    await api.http.post(`/api/v1/pledges/${last.body.id}/cancel`).set(bearer(volunteer)).expect(200);
    expect((await item(needId, other)).need.status).toBe('open');
    expect((await item(needId, other)).item.pledged).toBe(0);
  });

  it('takes no pledges for a closed need', async () => {
    const { needId, itemId } = await supplyNeed(10);
    await api.http.post(`/api/v1/needs/${needId}/close`).set(bearer(owner)).send({}).expect(200);
    expectProblem(await pledge(volunteer, needId, itemId, 1), 409);
  });

  it('lets only the need’s organisation mark a pledge delivered, once', async () => {
    const { needId, itemId } = await supplyNeed(10);
    const made = await pledge(volunteer, needId, itemId, 3).expect(201);
    const url = `/api/v1/pledges/${made.body.id}/delivered`;
    expectProblem(await api.http.post(url).set(bearer(volunteer)), 403);
    expectProblem(await api.http.post(url).set(bearer(otherOwner)), 403);
    expectProblem(await api.http.post(url).set(bearer(admin)), 403);
    expectProblem(await api.http.post(url), 401);
    const delivered = await api.http.post(url).set(bearer(owner)).expect(200);
    expect(delivered.body.status).toBe('delivered');
    expectProblem(await api.http.post(url).set(bearer(owner)), 409);
    expect((await item(needId, itemId)).item).toEqual(expect.objectContaining({ pledged: 3, delivered: 3 }));
    expectProblem(await api.http.post(`/api/v1/pledges/${made.body.id}/cancel`).set(bearer(volunteer)), 409);
  });

  it('lets the pledger or the organisation cancel a pledge, and nobody else', async () => {
    const { needId, itemId } = await supplyNeed(10);
    const first = await pledge(volunteer, needId, itemId, 2).expect(201);
    const second = await pledge(volunteer, needId, itemId, 2).expect(201);
    // Another volunteer's pledge is hidden from them altogether.
    expectProblem(
      await api.http.post(`/api/v1/pledges/${first.body.id}/cancel`).set(bearer(otherVolunteer)),
      404,
    );
    expectProblem(
      await api.http.post(`/api/v1/pledges/${first.body.id}/cancel`).set(bearer(otherOwner)),
      403,
    );
    expectProblem(await api.http.post(`/api/v1/pledges/${first.body.id}/cancel`).set(bearer(admin)), 403);
    await api.http.post(`/api/v1/pledges/${first.body.id}/cancel`).set(bearer(volunteer)).expect(200);
    await api.http.post(`/api/v1/pledges/${second.body.id}/cancel`).set(bearer(owner)).expect(200);
    expectProblem(await api.http.post(`/api/v1/pledges/${second.body.id}/cancel`).set(bearer(owner)), 409);
    expect((await item(needId, itemId)).item.pledged).toBe(0);
    expectProblem(
      await api.http
        .post('/api/v1/pledges/00000000-0000-4000-8000-000000000000/cancel')
        .set(bearer(volunteer)),
      404,
    );
  });

  it('keeps an item that was ever pledged, so no volunteer’s history disappears', async () => {
    const { needId, itemId, other } = await supplyNeed(10);
    const made = await pledge(volunteer, needId, itemId, 2).expect(201);
    await api.http.post(`/api/v1/pledges/${made.body.id}/cancel`).set(bearer(volunteer)).expect(200);
    const refused = await api.http
      .patch(`/api/v1/needs/${needId}`)
      .set(bearer(owner))
      .send({ items: [{ id: other, name: 'Water containers', unit: 'jerrycans', quantity: 5 }] });
    expectProblem(refused, 409, 'items');
    const mine = await api.http.get('/api/v1/me/pledges').set(bearer(volunteer)).expect(200);
    expect(mine.body.items.map((entry: { id: string }) => entry.id)).toContain(made.body.id);
    const kept = await api.http
      .patch(`/api/v1/needs/${needId}`)
      .set(bearer(owner))
      .send({ items: [{ id: itemId, name: 'Winter blankets', unit: 'pieces', quantity: 12 }] })
      .expect(200);
    expect(kept.body.items).toEqual([expect.objectContaining({ id: itemId, quantity: 12, pledged: 0 })]);
  });

  it('lists a need’s pledges for its organisation only', async () => {
    const { needId, itemId } = await supplyNeed(10);
    await pledge(volunteer, needId, itemId, 1).expect(201);
    const listed = await api.http.get(`/api/v1/needs/${needId}/pledges`).set(bearer(owner)).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        quantity: 1,
        volunteer: { id: volunteer.id, displayName: volunteer.displayName },
      }),
    ]);
    expectProblem(await api.http.get(`/api/v1/needs/${needId}/pledges`).set(bearer(otherOwner)), 403);
    expectProblem(await api.http.get(`/api/v1/needs/${needId}/pledges`).set(bearer(volunteer)), 403);
    await api.http.get(`/api/v1/needs/${needId}/pledges`).set(bearer(admin)).expect(200);
    expectProblem(await api.http.get(`/api/v1/needs/${needId}/pledges`), 401);
    expectProblem(
      await api.http.get('/api/v1/needs/00000000-0000-4000-8000-000000000000/pledges').set(bearer(owner)),
      404,
    );
    for (const caller of [owner, admin])
      expectProblem(await api.http.get('/api/v1/me/pledges').set(bearer(caller)), 403);
    expectProblem(await api.http.get('/api/v1/me/pledges'), 401);
  });

  it('never pledges more than wanted under 200 concurrent pledges: exactly the quantity, the rest 409', async () => {
    const { needId, itemId } = await supplyNeed(50);
    const volunteers = await manyVolunteers(api, 200);
    const responses = await Promise.all(volunteers.map((account) => pledge(account, needId, itemId, 1)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(50);
    expect(statuses.filter((status) => status === 409)).toHaveLength(150);
    const [sums] = await api.db.query(
      `SELECT sum(quantity)::int AS live, (SELECT pledged FROM need_items WHERE id = $1) AS pledged
         FROM pledges WHERE item_id = $1 AND status <> 'cancelled'`,
      [itemId],
    );
    expect(sums).toEqual({ live: 50, pledged: 50 });
  });

  it('holds with mixed quantities too: the live sum never passes the quantity', async () => {
    const { needId, itemId } = await supplyNeed(97);
    const volunteers = await manyVolunteers(api, 60);
    const responses = await Promise.all(
      volunteers.map((account, index) => pledge(account, needId, itemId, 1 + (index % 4))),
    );
    expect(responses.every((response) => response.status === 201 || response.status === 409)).toBe(true);
    const accepted = responses
      .filter((response) => response.status === 201)
      .reduce((sum, response) => sum + (response.body.quantity as number), 0);
    const { item: shown } = await item(needId, itemId);
    expect(shown.pledged).toBe(accepted);
    expect(accepted).toBeLessThanOrEqual(97);
  });
});
