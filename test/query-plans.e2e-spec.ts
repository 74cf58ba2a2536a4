import { seedScale } from '@haven/testing';
import { register, registerAdmin, startTestApi, TestApi } from './support/test-api';

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
    ({ campId } = await seedScale(api.db));
    await api.db.query(
      `UPDATE needs SET description = 'Harmonica lessons for a music club' WHERE title IN ('Seeded need 6', 'Seeded need 12')`,
    );
    await api.db.query('VACUUM ANALYZE needs');
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
  async function plansOf(path: string, table: string, bearerToken = token) {
    captured.length = 0;
    const response = await api.http.get(path).set('Authorization', `Bearer ${bearerToken}`).expect(200);
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

  it('builds an organisation’s report from indexes, scoped to the organisation', async () => {
    const admin = await registerAdmin(api);
    const [{ id }] = await api.db.query(
      `SELECT organization_id AS id FROM tasks GROUP BY organization_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const path = `/api/v1/organizations/${id}/reports/summary`;
    const tasks = await plansOf(path, 'tasks', admin.accessToken);
    expect(tasks.response.body.tasks.cancelled).toBeGreaterThan(0);
    expect(seqScansOn(tasks.plans, 'tasks')).toEqual([]);
    const needs = await plansOf(path, 'needs', admin.accessToken);
    expect(seqScansOn(needs.plans, 'needs')).toEqual([]);
  });
});
