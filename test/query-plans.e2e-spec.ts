import { register, startTestApi, TestApi } from './support/test-api';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The lists stay index-served at scale: with 100,000 tasks and 20,000 needs seeded, the queries the
 * endpoints actually run (captured from TypeORM's logger) are explained, and no plan may read the
 * tasks or needs table sequentially.
 */
describe('query plans at scale (e2e)', () => {
  let api: TestApi;
  let token: string;
  let campId: string;
  const captured: { query: string; parameters: unknown[] }[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    token = (await register(api, 'volunteer')).accessToken;
    await api.db.query(`
      INSERT INTO camps (name, country, region, timezone)
      SELECT 'Plan camp ' || n, 'JO', 'Testland', 'Asia/Amman' FROM generate_series(1, 20) AS n`);
    await api.db.query(`
      INSERT INTO organizations (name, country, registration_number, contact_email, description, focus_areas, status)
      SELECT 'Plan NGO ' || n, 'JO', 'PLAN-' || n, 'plan' || n || '@example.org', 'Fictional', '{education}',
             CASE WHEN n % 10 = 0 THEN 'suspended' ELSE 'approved' END
        FROM generate_series(1, 50) AS n`);
    await api.db.query(`
      WITH camp AS (SELECT array_agg(id) AS ids FROM camps), org AS (SELECT array_agg(id) AS ids FROM organizations)
      INSERT INTO needs (organization_id, camp_id, category, title, description, urgency, status)
      SELECT org.ids[1 + n % 50], camp.ids[1 + n % 20],
             (ARRAY['education','mentorship','supplies','health','psychosocial','livelihoods','other'])[1 + n % 7],
             'Seeded need ' || n,
             (ARRAY['Volunteers to teach reading', 'Blankets and stoves for winter', 'Football coaching after school',
                    'Sewing machines for a workshop', 'Mentors for young adults'])[1 + n % 5] || ', batch ' || n,
             (ARRAY['low','medium','high','critical'])[1 + n % 4],
             (ARRAY['open','open','open','filled','closed','cancelled'])[1 + n % 6]
        FROM generate_series(1, 20000) AS n, camp, org`);
    await api.db.query(`
      WITH need AS (SELECT array_agg(id ORDER BY id) AS ids FROM needs)
      INSERT INTO tasks (need_id, organization_id, camp_id, category, title, description, starts_at, ends_at,
                         capacity, confirmed, skills, languages, remote, signup_mode, status)
      SELECT n.id, n.organization_id, n.camp_id, n.category, 'Seeded task ' || s, 'Fictional seeded work',
             now() + (s % 9000 - 720) * interval '1 hour', now() + (s % 9000 - 718) * interval '1 hour',
             10, s % 11, ARRAY[(ARRAY['teaching','cooking','first aid','translation','sports'])[1 + s % 5]],
             ARRAY[(ARRAY['ar','en','ku-Latn','fr','fa'])[1 + s % 5]], s % 3 = 0, 'open',
             CASE WHEN s % 17 = 0 THEN 'cancelled' ELSE 'open' END
        FROM generate_series(1, 100000) AS s CROSS JOIN need
        JOIN needs n ON n.id = need.ids[1 + s % 20000]`);
    await api.db.query(
      `UPDATE needs SET description = 'Harmonica lessons for a music club' WHERE title IN ('Seeded need 6', 'Seeded need 12')`,
    );
    // As autovacuum would have by now: statistics, and the GIN pending list merged into the index.
    await api.db.query('VACUUM ANALYZE');
    // A camp with tasks of approved organisations (the seed gives some camps only suspended ones).
    [{ id: campId }] = await api.db.query(
      `SELECT t.camp_id AS id FROM tasks t JOIN organizations o ON o.id = t.organization_id
        WHERE o.status = 'approved' GROUP BY t.camp_id ORDER BY count(*) DESC, t.camp_id LIMIT 1`,
    );
    const logger = api.db.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      captured.push({ query, parameters: parameters ?? [] });
      return logQuery(query, parameters, runner);
    };
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  /** Calls the endpoint, then explains every query it ran against `table`. */
  async function plansOf(path: string, table: string) {
    captured.length = 0;
    const response = await api.http.get(path).set('Authorization', `Bearer ${token}`).expect(200);
    const queries = captured.filter(
      ({ query }) => /^\s*SELECT/.test(query) && new RegExp(`FROM "?${table}"?\\b`).test(query),
    );
    expect(queries.length).toBeGreaterThan(0);
    const plans: PlanNode[] = [];
    for (const { query, parameters } of queries) {
      const [row] = await api.db.query(`EXPLAIN (FORMAT JSON) ${query}`, parameters);
      plans.push(row['QUERY PLAN'][0].Plan);
    }
    return { response, plans: plans.flatMap(nodes) };
  }

  const seqScansOn = (plan: PlanNode[], table: string) =>
    plan.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === table);

  it.each([
    ['no filter', ''],
    ['a camp', 'campId=CAMP'],
    ['a category', 'category=health'],
    ['a skill', 'skill=cooking'],
    ['a language', 'language=ku-Latn'],
    ['remote only', 'remote=true'],
    ['a time window', 'from=FROM&to=TO'],
    ['free places', 'hasSpace=true'],
    ['full tasks', 'hasSpace=false'],
    ['several filters', 'campId=CAMP&category=education&skill=teaching&hasSpace=true&limit=50'],
  ])('serves the task list filtered by %s from indexes', async (_name, query) => {
    const from = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 24 * 3_600_000 * 30).toISOString();
    const path = `/api/v1/tasks?${query.replace('CAMP', campId).replace('FROM', from).replace('TO', to)}`;
    const { response, plans } = await plansOf(path, 'tasks');
    expect(response.body.items.length).toBeGreaterThan(0);
    expect(seqScansOn(plans, 'tasks')).toEqual([]);
    expect(plans.some((node) => node['Index Name']?.startsWith('tasks_'))).toBe(true);

    // The second page is served the same way.
    if (response.body.nextCursor) {
      const next = await plansOf(`${path}${query ? '&' : ''}cursor=${response.body.nextCursor}`, 'tasks');
      expect(seqScansOn(next.plans, 'tasks')).toEqual([]);
    }
  });

  it('ranks recommendations from indexes', async () => {
    await api.http
      .put('/api/v1/me/volunteer-profile')
      .set('Authorization', `Bearer ${token}`)
      .send({
        skills: ['cooking'],
        languages: ['fa'],
        availability: [{ weekday: 2, from: '08:00', to: '18:00' }],
        remote: true,
        campIds: [campId],
      })
      .expect(200);
    const { response, plans } = await plansOf('/api/v1/tasks/recommended?limit=20', 'tasks');
    expect(response.body.items).toHaveLength(20);
    expect(seqScansOn(plans, 'tasks')).toEqual([]);
  });

  it.each([
    ['newest first', ''],
    ['most urgent first', 'sort=urgency'],
    ['a common full-text term', 'q=blankets'],
    ['a rare full-text term', 'q=harmonicas'],
    ['a camp', 'campId=CAMP'],
  ])('serves the need list ordered or filtered by %s from indexes', async (name, query) => {
    const { response, plans } = await plansOf(`/api/v1/needs?${query.replace('CAMP', campId)}`, 'needs');
    expect(response.body.items.length).toBeGreaterThan(0);
    expect(seqScansOn(plans, 'needs')).toEqual([]);
    if (name === 'a rare full-text term') {
      expect(plans.some((node) => node['Index Name'] === 'needs_search_idx')).toBe(true);
    }
  });
});
