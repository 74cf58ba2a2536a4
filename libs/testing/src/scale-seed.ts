import { DataSource } from 'typeorm';

export interface ScaleSeed {
  /** A camp with tasks of approved organisations (some camps get only suspended ones). */
  campId: string;
  volunteerIds: string[];
}

/**
 * A large, fictional data set written straight in SQL, for the query-plan tests and the benchmarks:
 * 20 camps, 50 organisations (every tenth suspended), 20,000 needs and 100,000 tasks spread over a
 * year around now (`tasks` changes the count, with a need for every five tasks), and `volunteers`
 * volunteer accounts without passwords. Ends with VACUUM ANALYZE,
 * as autovacuum would have run by then (statistics, and GIN pending lists merged).
 */
export async function seedScale(
  db: DataSource,
  { volunteers = 0, tasks = 100_000 } = {},
): Promise<ScaleSeed> {
  const needs = Math.max(1, Math.floor(tasks / 5));
  await db.query(`
    INSERT INTO camps (name, country, region, timezone)
    SELECT 'Scale camp ' || n || ' (fictional)', 'JO', 'Testland', 'Asia/Amman' FROM generate_series(1, 20) AS n`);
  await db.query(`
    INSERT INTO organizations (name, country, registration_number, contact_email, description, focus_areas, status)
    SELECT 'Scale NGO ' || n || ' (fictional)', 'JO', 'SCALE-' || n, 'scale' || n || '@example.org', 'Fictional',
           '{education}', CASE WHEN n % 10 = 0 THEN 'suspended' ELSE 'approved' END
      FROM generate_series(1, 50) AS n`);
  await db.query(
    `
    WITH camp AS (SELECT array_agg(id) AS ids FROM camps), org AS (SELECT array_agg(id) AS ids FROM organizations)
    INSERT INTO needs (organization_id, camp_id, category, title, description, urgency, status)
    SELECT org.ids[1 + n % 50], camp.ids[1 + n % 20],
           (ARRAY['education','mentorship','supplies','health','psychosocial','livelihoods','other'])[1 + n % 7],
           'Seeded need ' || n,
           (ARRAY['Volunteers to teach reading', 'Blankets and stoves for winter', 'Football coaching after school',
                  'Sewing machines for a workshop', 'Mentors for young adults'])[1 + n % 5] || ', batch ' || n,
           (ARRAY['low','medium','high','critical'])[1 + n % 4],
           (ARRAY['open','open','open','filled','closed','cancelled'])[1 + n % 6]
      FROM generate_series(1, $1::int) AS n, camp, org`,
    [needs],
  );
  await db.query(
    `
    WITH need AS (SELECT array_agg(id ORDER BY id) AS ids FROM needs)
    INSERT INTO tasks (need_id, organization_id, camp_id, category, title, description, starts_at, ends_at,
                       capacity, confirmed, skills, languages, remote, signup_mode, status)
    SELECT n.id, n.organization_id, n.camp_id, n.category, 'Seeded task ' || s, 'Fictional seeded work',
           now() + (s % 9000 - 720) * interval '1 hour', now() + (s % 9000 - 718) * interval '1 hour',
           10, s % 11, ARRAY[(ARRAY['teaching','cooking','first aid','translation','sports'])[1 + s % 5]],
           ARRAY[(ARRAY['ar','en','ku-Latn','fr','fa'])[1 + s % 5]], s % 3 = 0, 'open',
           CASE WHEN s % 17 = 0 THEN 'cancelled' ELSE 'open' END
      FROM generate_series(1, $1::int) AS s CROSS JOIN need
      JOIN needs n ON n.id = need.ids[1 + s % $2::int]`,
    [tasks, needs],
  );
  const volunteerRows: { id: string }[] =
    volunteers > 0
      ? await db.query(
          `INSERT INTO users (email, display_name, role, email_verified_at)
           SELECT 'scale-volunteer-' || n || '@example.org', 'Scale volunteer ' || n, 'volunteer', now()
             FROM generate_series(1, $1) AS n RETURNING id`,
          [volunteers],
        )
      : [];
  await db.query('VACUUM ANALYZE');
  const [{ id: campId }] = await db.query(
    `SELECT t.camp_id AS id FROM tasks t JOIN organizations o ON o.id = t.organization_id
      WHERE o.status = 'approved' GROUP BY t.camp_id ORDER BY count(*) DESC, t.camp_id LIMIT 1`,
  );
  return { campId, volunteerIds: volunteerRows.map((row) => row.id) };
}
