import { once } from 'node:events';
import { ClientRequest, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { expectProblem } from '@haven/testing';
import type { Response } from 'supertest';
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

/**
 * A hand-built data set with known totals, in January to March 2025 (the range asked for), plus
 * rows just outside it that must not count:
 *
 * Organisation A, camps Alpha and Beta; volunteers V1–V6.
 *   N1 Alpha, education, 40 beneficiaries, open; items pieces and kg.
 *   N2 Beta, education, 3 beneficiaries, closed.
 *   N3 Alpha, supplies, 7 beneficiaries, filled: reached by a delivery alone.
 *   N4 Alpha, cancelled, no beneficiaries.     N0 Alpha, created in 2024: outside.
 *   T1 N1 Alpha 2025-01-10: V1–V5 attended 3 h each, V6 no-show.
 *   T2 N1 Alpha 2025-02-05: V1 2 h, V2 1.5 h.
 *   T3 N2 Beta  2025-02-20: V3 2 h, V4 no-show.
 *   T4 N2 Beta  2025-03-03: cancelled.
 *   T5 N1 Alpha 2024-12-30 and T6 N1 Alpha 2025-04-01T00:00Z (the first instant after the range):
 *      V1 attended 5 h and 4 h, which do not count.
 *   Deliveries: 30 pieces (Jan), 50 kg (Feb), 20 pieces (Mar), 40 bars (Mar, N3); 10 kg pledged but
 *   not delivered; 25 kg delivered 2025-04-01: outside.
 * Organisation B, camp Alpha: N6 health, 8 beneficiaries; T7 2025-01-20: V1 attended 2 h.
 */
describe('reports (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let ownerA: Account;
  let ownerB: Account;
  let loneCoordinator: Account;
  let pendingOwner: Account;
  let orgA: string;
  let orgB: string;
  let pendingOrg: string;
  let alpha: string;
  let beta: string;
  const RANGE = '?from=2025-01-01&to=2025-03-31';

  const summaryOf = (organizationId: string, query = RANGE) =>
    `/api/v1/organizations/${organizationId}/reports/summary${query}`;
  const csvOf = (organizationId: string, query = RANGE) =>
    `/api/v1/organizations/${organizationId}/reports/hours.csv${query}`;
  const PLATFORM = `/api/v1/admin/reports/summary${RANGE}`;

  async function need(owner: Account, campId: string, overrides: Record<string, unknown>) {
    const response = await api.http
      .post('/api/v1/needs')
      .set(bearer(owner))
      .send(needBody(campId, overrides))
      .expect(201);
    return response.body as { id: string; items: { id: string; unit: string }[] };
  }

  async function settle(needId: string, status: string, createdAt: string) {
    await api.db.query(`UPDATE needs SET status = $2, created_at = $3 WHERE id = $1`, [
      needId,
      status,
      createdAt,
    ]);
  }

  async function task(needId: string, title: string, startsAt: string, hours: number, status = 'open') {
    const [row] = await api.db.query(
      `INSERT INTO tasks (need_id, organization_id, camp_id, category, title, description,
                          starts_at, ends_at, capacity, signup_mode, status)
       SELECT n.id, n.organization_id, n.camp_id, n.category, $2, 'A fictional task for the report.',
              $3::timestamptz, $3::timestamptz + make_interval(hours => $4), 20, 'open', $5
         FROM needs n WHERE n.id = $1
       RETURNING id`,
      [needId, title, startsAt, hours, status],
    );
    return row.id as string;
  }

  async function signup(taskId: string, volunteerId: string, status: 'attended' | 'no_show', hours?: number) {
    await api.db.query(`INSERT INTO signups (task_id, volunteer_id, status, hours) VALUES ($1, $2, $3, $4)`, [
      taskId,
      volunteerId,
      status,
      hours ?? null,
    ]);
  }

  async function pledge(needId: string, itemId: string, quantity: number, status: string, at: string) {
    await api.db.query(
      `INSERT INTO pledges (item_id, need_id, volunteer_id, quantity, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz - interval '3 days', $6)`,
      [itemId, needId, volunteer.id, quantity, status, at],
    );
  }

  /** The raw bytes of a response, whatever its type. */
  const raw = (request: ReturnType<TestApi['http']['get']>) =>
    request.buffer(true).parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });

  // Fictional names; several begin like spreadsheet formulas, one carries quotes and a comma.
  const NAMES = ['ليلى الحداد', '=1+2', '+سامي', '\tنور', 'كريم "النجم", الأول', '@تسنيم'];

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    loneCoordinator = await register(api, 'coordinator');
    ({ owner: ownerA, organizationId: orgA } = await registerOrganization(api, admin));
    ({ owner: ownerB, organizationId: orgB } = await registerOrganization(api, admin));
    ({ owner: pendingOwner, organizationId: pendingOrg } = await registerOrganization(api));
    alpha = await createCamp(api, admin);
    beta = await createCamp(api, admin);
    await api.db.query(`UPDATE camps SET name = 'Camp Alpha' WHERE id = $1`, [alpha]);
    await api.db.query(`UPDATE camps SET name = 'Camp Beta, مخيم' WHERE id = $1`, [beta]);

    const v = (await manyVolunteers(api, 6)).map((row) => row.id);
    for (const [index, id] of v.entries()) {
      await api.db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [id, NAMES[index]]);
    }

    const n1 = await need(ownerA, alpha, {
      category: 'supplies',
      items: [
        { name: 'Winter blankets', unit: 'pieces', quantity: 100 },
        { name: 'Rice', unit: 'kg', quantity: 500 },
      ],
    });
    const n2 = await need(ownerA, beta, { beneficiaries: { count: 3, ageGroup: 'children' } });
    const n3 = await need(ownerA, alpha, {
      category: 'supplies',
      beneficiaries: { count: 7, ageGroup: 'adults' },
      items: [{ name: 'Soap', unit: 'bars', quantity: 100 }],
    });
    const n4 = await need(ownerA, alpha, { beneficiaries: undefined });
    const n0 = await need(ownerA, alpha, {});
    await settle(n1.id, 'open', '2025-01-02T08:00:00Z');
    await settle(n2.id, 'closed', '2025-01-03T08:00:00Z');
    await settle(n3.id, 'filled', '2025-02-01T08:00:00Z');
    await settle(n4.id, 'cancelled', '2025-03-31T23:59:59Z');
    await settle(n0.id, 'open', '2024-12-31T23:59:59Z');
    // N1's 40 beneficiaries: the default body's 30 would do, but a round 40 reads better below.
    await api.db.query(`UPDATE needs SET beneficiary_count = 40 WHERE id = $1`, [n1.id]);

    const t1 = await task(n1.id, '=HYPERLINK("http://example.invalid","x")', '2025-01-10T09:00:00Z', 3);
    const t2 = await task(n1.id, 'Sorting, then packing', '2025-02-05T10:00:00Z', 2);
    const t3 = await task(n2.id, '@home reading', '2025-02-20T08:00:00Z', 2);
    await task(n2.id, 'Cancelled walk', '2025-03-03T08:00:00Z', 2, 'cancelled');
    const t5 = await task(n1.id, 'Before the range', '2024-12-30T09:00:00Z', 5);
    const t6 = await task(n1.id, 'After the range', '2025-04-01T00:00:00Z', 4);
    for (const id of v.slice(0, 5)) await signup(t1, id, 'attended', 3);
    await signup(t1, v[5], 'no_show');
    await signup(t2, v[0], 'attended', 2);
    await signup(t2, v[1], 'attended', 1.5);
    await signup(t3, v[2], 'attended', 2);
    await signup(t3, v[3], 'no_show');
    await signup(t5, v[0], 'attended', 5);
    await signup(t6, v[0], 'attended', 4);

    const [pieces, kg] = n1.items.map((item) => item.id);
    await pledge(n1.id, pieces, 30, 'delivered', '2025-01-15T12:00:00Z');
    await pledge(n1.id, kg, 50, 'delivered', '2025-02-01T12:00:00Z');
    await pledge(n1.id, pieces, 20, 'delivered', '2025-03-10T12:00:00Z');
    await pledge(n3.id, n3.items[0].id, 40, 'delivered', '2025-03-10T12:00:00Z');
    await pledge(n1.id, kg, 10, 'pledged', '2025-02-01T12:00:00Z');
    await pledge(n1.id, kg, 25, 'delivered', '2025-04-01T00:00:00Z');

    const n6 = await need(ownerB, alpha, {
      category: 'health',
      title: 'Health awareness sessions',
      description: 'Volunteers to support group health awareness sessions.',
      beneficiaries: { count: 8, ageGroup: 'adults' },
    });
    await settle(n6.id, 'open', '2025-01-05T08:00:00Z');
    const t7 = await task(n6.id, 'Awareness session', '2025-01-20T09:00:00Z', 2);
    await signup(t7, v[0], 'attended', 2);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('an organisation’s summary, as its members see it', () => {
    it('gives the exact figures of the data set', async () => {
      const response = await api.http.get(summaryOf(orgA)).set(bearer(ownerA)).expect(200);
      expect(response.body).toEqual({
        from: '2025-01-01',
        to: '2025-03-31',
        needs: { open: 1, filled: 1, closed: 1, cancelled: 1 },
        tasks: { completed: 3, cancelled: 1 },
        volunteerHours: 20.5,
        volunteers: 5,
        noShowRate: 0.2,
        suppliesDelivered: [
          { unit: 'bars', quantity: 40 },
          { unit: 'kg', quantity: 50 },
          { unit: 'pieces', quantity: 50 },
        ],
        beneficiariesReached: 50,
        byMonth: [
          { month: '2025-01', volunteerHours: 15, tasksCompleted: 1, volunteers: 5 },
          { month: '2025-02', volunteerHours: 5.5, tasksCompleted: 2, volunteers: 3 },
          { month: '2025-03', volunteerHours: 0, tasksCompleted: 0, volunteers: 0 },
        ],
        byCamp: [
          {
            campId: alpha,
            campName: 'Camp Alpha',
            volunteerHours: 18.5,
            tasksCompleted: 2,
            beneficiariesReached: 47,
          },
          {
            campId: beta,
            campName: 'Camp Beta, مخيم',
            volunteerHours: 2,
            tasksCompleted: 1,
            beneficiariesReached: 3,
          },
        ],
      });
    });

    it('counts a one-volunteer organisation exactly for its own members', async () => {
      const response = await api.http.get(summaryOf(orgB)).set(bearer(ownerB)).expect(200);
      expect(response.body).toMatchObject({
        volunteerHours: 2,
        volunteers: 1,
        noShowRate: 0,
        beneficiariesReached: 8,
        tasks: { completed: 1, cancelled: 0 },
        byCamp: [{ campId: alpha, volunteerHours: 2, tasksCompleted: 1, beneficiariesReached: 8 }],
      });
      expect(response.body).not.toHaveProperty('byOrganization');
    });

    it('takes a range that ends on the day before a task: its hours drop out', async () => {
      const response = await api.http
        .get(summaryOf(orgA, '?from=2025-01-01&to=2025-02-19'))
        .set(bearer(ownerA))
        .expect(200);
      expect(response.body).toMatchObject({
        volunteerHours: 18.5,
        noShowRate: 1 / 8,
        tasks: { completed: 2 },
      });
      expect(response.body.byMonth.map((row: { month: string }) => row.month)).toEqual([
        '2025-01',
        '2025-02',
      ]);
    });

    it('defaults to the last twelve calendar months, this one included', async () => {
      const response = await api.http.get(summaryOf(orgA, '')).set(bearer(ownerA)).expect(200);
      const today = new Date().toISOString().slice(0, 10);
      const now = new Date();
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString();
      expect(response.body.to).toBe(today);
      expect(response.body.from).toBe(first.slice(0, 10));
      expect(response.body.byMonth).toHaveLength(12);
      expect(response.body.byMonth[11].month).toBe(today.slice(0, 7));
      // Everything in the data set is older than that.
      expect(response.body).toMatchObject({ volunteerHours: 0, volunteers: 0, noShowRate: null, byCamp: [] });
    });
  });

  describe('small-cell suppression where figures leave the organisation', () => {
    it('shows an admin the organisation’s people counts suppressed, with the totals they would give away', async () => {
      const response = await api.http.get(summaryOf(orgA)).set(bearer(admin)).expect(200);
      expect(response.body).toMatchObject({
        // Activity figures are not about people and stay exact.
        volunteerHours: 20.5,
        tasks: { completed: 3, cancelled: 1 },
        needs: { open: 1, filled: 1, closed: 1, cancelled: 1 },
        noShowRate: 0.2,
        // February's three volunteers are hidden, so the total that would bound them is too.
        volunteers: 'suppressed',
        byMonth: [
          { month: '2025-01', volunteers: 5 },
          { month: '2025-02', volunteers: '<5' },
          { month: '2025-03', volunteers: 0 },
        ],
        // Beta's three beneficiaries are hidden; 50 − 47 would give them back, so the total goes.
        beneficiariesReached: 'suppressed',
        byCamp: [
          { campId: alpha, beneficiariesReached: 47, volunteerHours: 18.5 },
          { campId: beta, beneficiariesReached: '<5', volunteerHours: 2 },
        ],
      });
    });

    it('uses the stricter threshold for health needs and hides a rate resting on too few records', async () => {
      const response = await api.http.get(summaryOf(orgB)).set(bearer(admin)).expect(200);
      expect(response.body).toMatchObject({
        volunteers: 'suppressed',
        byMonth: [{ volunteers: '<5' }, { volunteers: 0 }, { volunteers: 0 }],
        noShowRate: 'suppressed',
        beneficiariesReached: 'suppressed',
        byCamp: [{ campId: alpha, beneficiariesReached: '<10' }],
      });
    });

    it('shows the platform summary across organisations, every people count suppressed', async () => {
      const response = await api.http.get(PLATFORM).set(bearer(admin)).expect(200);
      const figuresA = {
        organizationId: orgA,
        volunteerHours: 20.5,
        tasksCompleted: 3,
        volunteers: 5,
        beneficiariesReached: 50,
      };
      const figuresB = {
        organizationId: orgB,
        volunteerHours: 2,
        tasksCompleted: 1,
        volunteers: '<5',
        beneficiariesReached: '<10',
      };
      expect(response.body).toEqual({
        from: '2025-01-01',
        to: '2025-03-31',
        needs: { open: 2, filled: 1, closed: 1, cancelled: 1 },
        tasks: { completed: 4, cancelled: 1 },
        volunteerHours: 22.5,
        volunteers: 'suppressed',
        noShowRate: 0.1818,
        suppliesDelivered: [
          { unit: 'bars', quantity: 40 },
          { unit: 'kg', quantity: 50 },
          { unit: 'pieces', quantity: 50 },
        ],
        beneficiariesReached: 'suppressed',
        byMonth: [
          { month: '2025-01', volunteerHours: 17, tasksCompleted: 2, volunteers: 5 },
          { month: '2025-02', volunteerHours: 5.5, tasksCompleted: 2, volunteers: '<5' },
          { month: '2025-03', volunteerHours: 0, tasksCompleted: 0, volunteers: 0 },
        ],
        byCamp: [
          {
            campId: alpha,
            campName: 'Camp Alpha',
            volunteerHours: 20.5,
            tasksCompleted: 3,
            beneficiariesReached: 55,
          },
          {
            campId: beta,
            campName: 'Camp Beta, مخيم',
            volunteerHours: 2,
            tasksCompleted: 1,
            beneficiariesReached: '<10',
          },
        ],
        byOrganization: [
          { ...figuresA, organizationName: await orgName(orgA) },
          { ...figuresB, organizationName: await orgName(orgB) },
        ].sort((a, b) => a.organizationName.localeCompare(b.organizationName)),
      });
    });
  });

  const orgName = async (id: string) =>
    ((await api.db.query(`SELECT name FROM organizations WHERE id = $1`, [id])) as { name: string }[])[0]
      .name;

  describe('hours.csv', () => {
    it('streams one RFC 4180 row per attended sign-up, with a BOM, neutralised formulas and Arabic names', async () => {
      const response = await raw(api.http.get(csvOf(orgA)).set(bearer(ownerA))).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="haven-hours-2025-01-01-to-2025-03-31.csv"',
      );
      const bytes = response.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const formula = `"'=HYPERLINK(""http://example.invalid"",""x"")"`;
      expect(bytes.subarray(3).toString('utf8')).toBe(
        [
          'date,task,camp,volunteer,hours',
          `2025-01-10,${formula},Camp Alpha,ليلى الحداد,3`,
          `2025-01-10,${formula},Camp Alpha,'=1+2,3`,
          `2025-01-10,${formula},Camp Alpha,'+سامي,3`,
          `2025-01-10,${formula},Camp Alpha,'\tنور,3`,
          `2025-01-10,${formula},Camp Alpha,"كريم ""النجم"", الأول",3`,
          '2025-02-05,"Sorting, then packing",Camp Alpha,ليلى الحداد,2',
          `2025-02-05,"Sorting, then packing",Camp Alpha,'=1+2,1.5`,
          `2025-02-20,'@home reading,"Camp Beta, مخيم",'+سامي,2`,
          '',
        ].join('\r\n'),
      );
    });

    it('dates each row by the calendar of the task’s camp, not UTC', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const [east, west] = [await createCamp(api, admin), await createCamp(api, admin)];
      await api.db.query(`UPDATE camps SET name = 'Camp East', timezone = 'Asia/Baghdad' WHERE id = $1`, [
        east,
      ]);
      await api.db.query(
        `UPDATE camps SET name = 'Camp West', timezone = 'America/Tegucigalpa' WHERE id = $1`,
        [west],
      );
      const [person] = await manyVolunteers(api, 1);
      await api.db.query(`UPDATE users SET display_name = 'Rana' WHERE id = $1`, [person.id]);
      // 22:30 UTC is 01:30 the next day in Baghdad (UTC+3); 03:00 UTC is 21:00 the day before in
      // Tegucigalpa (UTC-6); noon UTC is the same day in both.
      for (const [campId, title, startsAt] of [
        [east, 'Late shift', '2025-01-31T22:30:00Z'],
        [west, 'Evening shift', '2025-03-01T03:00:00Z'],
        [east, 'Midday shift', '2025-02-10T12:00:00Z'],
      ]) {
        const needId = (await need(owner, campId, {})).id;
        await signup(await task(needId, title, startsAt, 1), person.id, 'attended', 1);
      }
      const file = await raw(api.http.get(csvOf(organizationId)).set(bearer(owner))).expect(200);
      expect((file.body as Buffer).subarray(3).toString('utf8').split('\r\n')).toEqual([
        'date,task,camp,volunteer,hours',
        '2025-02-01,Late shift,Camp East,Rana,1',
        '2025-02-10,Midday shift,Camp East,Rana,1',
        '2025-02-28,Evening shift,Camp West,Rana,1',
        '',
      ]);
    });

    it('gives an admin the same file, and an empty range only the header', async () => {
      const full = await raw(api.http.get(csvOf(orgA)).set(bearer(admin))).expect(200);
      expect((full.body as Buffer).toString('utf8').split('\r\n')).toHaveLength(10);
      const empty = await raw(
        api.http.get(csvOf(orgA, '?from=2023-01-01&to=2023-12-31')).set(bearer(ownerA)),
      ).expect(200);
      expect((empty.body as Buffer).toString('utf8')).toBe('\uFEFFdate,task,camp,volunteer,hours\r\n');
    });

    /** The API's connection pool: every connection it opened must be back in it. */
    async function poolSettles() {
      const pool = (api.db.driver as unknown as { master: Pool }).master;
      while (pool.idleCount < pool.totalCount) await once(pool, 'release');
      expect(pool.waitingCount).toBe(0);
    }

    it('gives its connection back after each file: more downloads than the pool holds all succeed', async () => {
      for (let round = 0; round < 25; round += 1) {
        await raw(api.http.get(csvOf(orgB)).set(bearer(ownerB))).expect(200);
      }
      await poolSettles();
    });

    it('reads from an open cursor while the client is slow, and closes it when the client goes away', async () => {
      const { owner, organizationId } = await registerOrganization(api, admin);
      const { id: needId } = await need(owner, alpha, {});
      // About 20 MB of CSV (5,000 rows with a 4,000-character title): more than the socket
      // buffers between server and client can hold.
      const taskId = await task(needId, 'A long series. '.repeat(267), '2025-01-15T09:00:00Z', 1);
      await api.db.query(
        `INSERT INTO signups (task_id, volunteer_id, status, hours)
         SELECT $1, $2, 'attended', 1 FROM generate_series(1, 5000)`,
        [taskId, volunteer.id],
      );
      const openQueries = async () =>
        (
          await api.db.query(
            `SELECT count(*)::int AS count FROM pg_stat_activity
              WHERE datname = current_database() AND state <> 'idle'
                AND query LIKE '%display_name AS volunteer%' AND pid <> pg_backend_pid()`,
          )
        )[0].count as number;
      const server = api.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const { request, start } = await new Promise<{ request: ClientRequest; start: string }>(
        (resolve, reject) => {
          const request = get(
            { host: '127.0.0.1', port, path: csvOf(organizationId), headers: bearer(owner) },
            (response) => {
              let received = '';
              const onData = (chunk: Buffer) => {
                received += chunk.toString('utf8');
                if (!received.includes('\r\n2025-01-15')) return;
                // Stop reading: the server must wait for us, its query half-read.
                response.off('data', onData);
                response.pause();
                resolve({ request, start: received });
              };
              response.on('data', onData);
            },
          );
          request.on('error', (error) => {
            if (!request.destroyed) reject(error);
          });
        },
      );
      expect(start.startsWith('\uFEFFdate,task,camp,volunteer,hours\r\n')).toBe(true);
      expect(await openQueries()).toBe(1);
      request.destroy();
      await poolSettles();
      expect(await openQueries()).toBe(0);
    });
  });

  describe('who may read which report', () => {
    const routes = () => [
      { name: 'summary', path: summaryOf(orgA) },
      { name: 'hours.csv', path: csvOf(orgA) },
      { name: 'platform', path: PLATFORM },
    ];

    it('answers 401 to anonymous callers on every route', async () => {
      for (const route of routes()) expectProblem(await api.http.get(route.path), 401);
    });

    it('answers 403 to volunteers on every route', async () => {
      for (const route of routes()) expectProblem(await api.http.get(route.path).set(bearer(volunteer)), 403);
    });

    it('gives coordinators their own organisation’s reports and 403 for the platform one', async () => {
      await api.http.get(summaryOf(orgA)).set(bearer(ownerA)).expect(200);
      await raw(api.http.get(csvOf(orgA)).set(bearer(ownerA))).expect(200);
      expectProblem(await api.http.get(PLATFORM).set(bearer(ownerA)), 403);
    });

    it('answers 404 for another organisation’s reports, as for one that does not exist', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      for (const [account, organizationId] of [
        [ownerB, orgA],
        [ownerA, orgB],
        [loneCoordinator, orgA],
        [ownerA, pendingOrg],
        [ownerA, missing],
        [admin, missing],
      ] as const) {
        expectProblem(await api.http.get(summaryOf(organizationId)).set(bearer(account)), 404);
        expectProblem(await api.http.get(csvOf(organizationId)).set(bearer(account)), 404);
      }
    });

    it('answers 400 naming the id for a path id that is no UUID', async () => {
      for (const path of ['summary', 'hours.csv']) {
        for (const account of [admin, ownerA]) {
          const response = await api.http
            .get(`/api/v1/organizations/not-a-uuid/reports/${path}`)
            .set(bearer(account));
          expectProblem(response, 400, 'id');
        }
      }
    });

    it('lets the owner of an organisation still under review read its (empty) reports', async () => {
      const response = await api.http.get(summaryOf(pendingOrg)).set(bearer(pendingOwner)).expect(200);
      expect(response.body).toMatchObject({ volunteerHours: 0, volunteers: 0, byCamp: [] });
      await raw(api.http.get(csvOf(pendingOrg)).set(bearer(pendingOwner))).expect(200);
    });

    it('gives admins every route', async () => {
      await api.http.get(summaryOf(orgA)).set(bearer(admin)).expect(200);
      await raw(api.http.get(csvOf(orgA)).set(bearer(admin))).expect(200);
      await api.http.get(PLATFORM).set(bearer(admin)).expect(200);
    });
  });

  it('describes every report route in the OpenAPI document, with its response schema', async () => {
    const document = (await api.http.get('/api/openapi.json').expect(200)).body;
    const summary = document.paths['/api/v1/organizations/{id}/reports/summary'].get;
    const csv = document.paths['/api/v1/organizations/{id}/reports/hours.csv'].get;
    const platform = document.paths['/api/v1/admin/reports/summary'].get;
    expect(summary.responses['200'].content['application/json'].schema.$ref).toMatch(/ReportSummaryDto$/);
    expect(platform.responses['200'].content['application/json'].schema.$ref).toMatch(
      /PlatformReportSummaryDto$/,
    );
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
    for (const operation of [summary, csv, platform]) {
      expect(operation.summary).toEqual(expect.any(String));
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    }
    const schemas = document.components.schemas;
    expect(schemas.ReportSummaryDto.properties.tasks.allOf[0].$ref).toMatch(/TaskCountsDto$/);
    expect(schemas.TaskCountsDto.properties.completed.type).toBe('integer');
    expect(schemas.MonthFiguresDto.properties.volunteers.oneOf[0].type).toBe('integer');
    expect(schemas.PlatformReportSummaryDto.properties.byOrganization.items.$ref).toMatch(
      /OrganizationFiguresDto$/,
    );
  });

  describe('bad ranges', () => {
    const paths = (query: string) => [
      summaryOf(orgA, query),
      csvOf(orgA, query),
      `/api/v1/admin/reports/summary${query}`,
    ];

    it.each([
      ['from after to', '?from=2025-03-01&to=2025-02-28', 'from'],
      ['a day that does not exist', '?from=2025-02-30&to=2025-03-31', 'from'],
      ['no date at all', '?from=yesterday', 'from'],
      ['a date with a time', '?to=2025-03-31T00:00:00Z', 'to'],
      ['a year before 2000', '?from=1999-12-31&to=2000-01-31', 'from'],
      ['five years or more', '?from=2020-01-01&to=2025-01-01', 'to'],
      ['a repeated parameter', '?from=2025-01-01&from=2025-02-01', 'from'],
      ['an unknown parameter', '?since=2025-01-01', 'since'],
    ])('answers 400 with the field for %s', async (_name, query, field) => {
      for (const path of paths(query)) {
        const response: Response = await api.http.get(path).set(bearer(admin));
        expectProblem(response, 400, field);
      }
    });

    it('accepts a range just under five years, and a single day', async () => {
      await api.http.get(summaryOf(orgA, '?from=2020-01-02&to=2025-01-01')).set(bearer(ownerA)).expect(200);
      const day = await api.http
        .get(summaryOf(orgA, '?from=2025-01-10&to=2025-01-10'))
        .set(bearer(ownerA))
        .expect(200);
      expect(day.body).toMatchObject({
        volunteerHours: 15,
        byMonth: [{ month: '2025-01', volunteerHours: 15 }],
      });
    });
  });
});
