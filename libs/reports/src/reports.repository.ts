import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Readable } from 'node:stream';
import { ReportRange } from './report-range';

/** Which rows a report reads: one organisation's, or (null) every organisation's. */
export type ReportScope = { organizationId: string | null };

/** A row of a grouped aggregate: the whole range, or one camp, organisation or month of it. */
export type Dimension = 'total' | 'camp' | 'organization' | 'month';

export interface WorkFigures {
  dimension: Dimension;
  key: string | null;
  volunteerHours: number;
  volunteers: number;
  attended: number;
  noShows: number;
}

export interface TaskFigures {
  dimension: Dimension;
  key: string | null;
  completed: number;
  cancelled: number;
}

export interface BeneficiaryFigures {
  dimension: Exclude<Dimension, 'month'>;
  key: string | null;
  beneficiaries: number;
  /** Whether a health or psychosocial need is among those counted (the stricter threshold). */
  sensitive: boolean;
}

/** The parameters every statement below takes: $1 organisation or null, $2 start, $3 end. */
const parameters = (scope: ReportScope, range: ReportRange) => [
  scope.organizationId,
  range.start.toISOString(),
  range.end.toISOString(),
];

const IN_SCOPE = (column: string) => `($1::uuid IS NULL OR ${column} = $1::uuid)`;
const IN_RANGE = (column: string) => `(${column} >= $2::timestamptz AND ${column} < $3::timestamptz)`;
const MONTH = `date_trunc('month', t.starts_at AT TIME ZONE 'UTC')`;

/**
 * One row per grouping set, labelled: the total, then each camp, organisation and month. Months
 * are calendar months in UTC, named `YYYY-MM`.
 */
const LABELLED = `
  CASE WHEN GROUPING(t.camp_id) = 0 THEN 'camp'
       WHEN GROUPING(t.organization_id) = 0 THEN 'organization'
       WHEN GROUPING(${MONTH}) = 0 THEN 'month'
       ELSE 'total' END AS dimension,
  coalesce(t.camp_id::text, t.organization_id::text, to_char(${MONTH}, 'YYYY-MM')) AS key`;
const GROUPED = `GROUP BY GROUPING SETS ((), (t.camp_id), (t.organization_id), (${MONTH}))`;

/**
 * The reports' SQL. Every figure is aggregated by PostgreSQL (GROUP BY, GROUPING SETS, date_trunc):
 * no statement here returns more rows than there are camps, organisations, months or units.
 * Work and tasks belong to the range by their task's start; supplies by their delivery (a delivered
 * pledge is final, so its last change is its delivery); needs by their creation.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Attended hours, distinct attending volunteers, attendance and no-shows. */
  work(scope: ReportScope, range: ReportRange, manager: EntityManager): Promise<WorkFigures[]> {
    return manager.query(
      `SELECT ${LABELLED},
              coalesce(round(sum(s.hours) FILTER (WHERE s.status = 'attended'), 2), 0)::float8 AS "volunteerHours",
              count(DISTINCT s.volunteer_id) FILTER (WHERE s.status = 'attended')::int AS volunteers,
              count(*) FILTER (WHERE s.status = 'attended')::int AS attended,
              count(*) FILTER (WHERE s.status = 'no_show')::int AS "noShows"
         FROM signups s
         JOIN tasks t ON t.id = s.task_id
        WHERE s.status IN ('attended', 'no_show') AND ${IN_SCOPE('t.organization_id')} AND ${IN_RANGE('t.starts_at')}
        ${GROUPED}`,
      parameters(scope, range),
    );
  }

  /** Tasks completed (ended and not cancelled) and cancelled. */
  tasks(scope: ReportScope, range: ReportRange, manager: EntityManager): Promise<TaskFigures[]> {
    return manager.query(
      `SELECT ${LABELLED},
              count(*) FILTER (WHERE t.status <> 'cancelled' AND t.ends_at <= now())::int AS completed,
              count(*) FILTER (WHERE t.status = 'cancelled')::int AS cancelled
         FROM tasks t
        WHERE ${IN_SCOPE('t.organization_id')} AND ${IN_RANGE('t.starts_at')}
        ${GROUPED}`,
      parameters(scope, range),
    );
  }

  /**
   * Beneficiaries reached: the beneficiary counts of the needs that saw work attended or supplies
   * delivered in the range, each need counted once.
   */
  beneficiaries(
    scope: ReportScope,
    range: ReportRange,
    manager: EntityManager,
  ): Promise<BeneficiaryFigures[]> {
    return manager.query(
      `WITH reached AS (
         SELECT t.need_id
           FROM signups s JOIN tasks t ON t.id = s.task_id
          WHERE s.status = 'attended' AND ${IN_SCOPE('t.organization_id')} AND ${IN_RANGE('t.starts_at')}
         UNION
         SELECT p.need_id
           FROM pledges p JOIN needs n ON n.id = p.need_id
          WHERE p.status = 'delivered' AND ${IN_SCOPE('n.organization_id')} AND ${IN_RANGE('p.updated_at')}
       )
       SELECT CASE WHEN GROUPING(n.camp_id) = 0 THEN 'camp'
                   WHEN GROUPING(n.organization_id) = 0 THEN 'organization'
                   ELSE 'total' END AS dimension,
              coalesce(n.camp_id::text, n.organization_id::text) AS key,
              coalesce(sum(n.beneficiary_count), 0)::float8 AS beneficiaries,
              coalesce(bool_or(n.category IN ('health', 'psychosocial') AND n.beneficiary_count IS NOT NULL), false)
                AS sensitive
         FROM reached r JOIN needs n ON n.id = r.need_id
        GROUP BY GROUPING SETS ((), (n.camp_id), (n.organization_id))`,
      parameters(scope, range),
    );
  }

  /** Needs created in the range, by their status now. */
  needs(
    scope: ReportScope,
    range: ReportRange,
    manager: EntityManager,
  ): Promise<{ status: string; count: number }[]> {
    return manager.query(
      `SELECT n.status, count(*)::int AS count
         FROM needs n
        WHERE ${IN_SCOPE('n.organization_id')} AND ${IN_RANGE('n.created_at')}
        GROUP BY n.status`,
      parameters(scope, range),
    );
  }

  /** Quantities delivered in the range, per unit. */
  supplies(
    scope: ReportScope,
    range: ReportRange,
    manager: EntityManager,
  ): Promise<{ unit: string; quantity: number }[]> {
    return manager.query(
      `SELECT i.unit, sum(p.quantity)::float8 AS quantity
         FROM pledges p
         JOIN needs n ON n.id = p.need_id
         JOIN need_items i ON i.id = p.item_id
        WHERE p.status = 'delivered' AND ${IN_SCOPE('n.organization_id')} AND ${IN_RANGE('p.updated_at')}
        GROUP BY i.unit
        ORDER BY i.unit`,
      parameters(scope, range),
    );
  }

  names(
    table: 'camps' | 'organizations',
    ids: string[],
    manager: EntityManager,
  ): Promise<{ id: string; name: string }[]> {
    return manager.query(`SELECT id, name FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * One row per attended sign-up of an organisation in the range, oldest first, read through a
   * server-side cursor: rows arrive as the consumer takes them, so a large year never sits in
   * memory. The caller must call `release` once the stream has ended, failed or been destroyed.
   */
  async attendedHours(
    organizationId: string,
    range: ReportRange,
  ): Promise<{ rows: Readable; release: () => Promise<void> }> {
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      await runner.connect();
      const rows = await runner.stream(
        `SELECT to_char(t.starts_at AT TIME ZONE c.timezone, 'YYYY-MM-DD') AS date,
                t.title AS task,
                c.name AS camp,
                u.display_name AS volunteer,
                s.hours::float8 AS hours
           FROM signups s
           JOIN tasks t ON t.id = s.task_id
           JOIN camps c ON c.id = t.camp_id
           JOIN users u ON u.id = s.volunteer_id
          WHERE s.status = 'attended' AND t.organization_id = $1::uuid AND ${IN_RANGE('t.starts_at')}
          ORDER BY t.starts_at, t.id, s.seq`,
        [organizationId, range.start.toISOString(), range.end.toISOString()],
      );
      // TypeORM types the stream loosely; on PostgreSQL it is pg-query-stream's object-mode Readable.
      return { rows: rows as unknown as Readable, release: () => runner.release() };
    } catch (error) {
      await runner.release();
      throw error;
    }
  }
}
