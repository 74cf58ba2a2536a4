import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Readable } from 'node:stream';
import { UserSql } from '@haven/identity';
import { NeedSql, TaskSql } from '@haven/needs';
import { OrganizationSql, placeNames } from '@haven/organizations';
import { SignupSql } from '@haven/volunteering';
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

/** The tables are the owners': their fragments name them, and the rules on their rows. */
const ATTENDED = SignupSql.isAttended('s');
const DELIVERED = NeedSql.isDelivered('p');
const DELIVERED_AT = NeedSql.deliveredAt('p');

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
              coalesce(round(sum(s.hours) FILTER (WHERE ${ATTENDED}), 2), 0)::float8 AS "volunteerHours",
              count(DISTINCT s.volunteer_id) FILTER (WHERE ${ATTENDED})::int AS volunteers,
              count(*) FILTER (WHERE ${ATTENDED})::int AS attended,
              count(*) FILTER (WHERE ${SignupSql.isNoShow('s')})::int AS "noShows"
         FROM ${SignupSql.signups('s')}
         ${TaskSql.joinTask('t', 's.task_id')}
        WHERE ${SignupSql.hasAttendance('s')} AND ${IN_SCOPE('t.organization_id')} AND ${IN_RANGE('t.starts_at')}
        ${GROUPED}`,
      parameters(scope, range),
    );
  }

  /** Tasks completed (ended and not cancelled) and cancelled. */
  tasks(scope: ReportScope, range: ReportRange, manager: EntityManager): Promise<TaskFigures[]> {
    return manager.query(
      `SELECT ${LABELLED},
              count(*) FILTER (WHERE ${TaskSql.isCompleted('t')})::int AS completed,
              count(*) FILTER (WHERE ${TaskSql.isCancelled('t')})::int AS cancelled
         FROM ${TaskSql.tasks('t')}
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
           FROM ${SignupSql.signups('s')} ${TaskSql.joinTask('t', 's.task_id')}
          WHERE ${ATTENDED} AND ${IN_SCOPE('t.organization_id')} AND ${IN_RANGE('t.starts_at')}
         UNION
         SELECT p.need_id
           FROM ${NeedSql.pledges('p')} ${TaskSql.joinNeed('n', 'p.need_id')}
          WHERE ${DELIVERED} AND ${IN_SCOPE('n.organization_id')} AND ${IN_RANGE(DELIVERED_AT)}
       )
       SELECT CASE WHEN GROUPING(n.camp_id) = 0 THEN 'camp'
                   WHEN GROUPING(n.organization_id) = 0 THEN 'organization'
                   ELSE 'total' END AS dimension,
              coalesce(n.camp_id::text, n.organization_id::text) AS key,
              coalesce(sum(n.beneficiary_count), 0)::float8 AS beneficiaries,
              coalesce(bool_or(n.category IN ('health', 'psychosocial') AND n.beneficiary_count IS NOT NULL), false)
                AS sensitive
         FROM reached r ${TaskSql.joinNeed('n', 'r.need_id')}
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
         FROM ${NeedSql.needs('n')}
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
         FROM ${NeedSql.pledges('p')}
         ${TaskSql.joinNeed('n', 'p.need_id')}
         ${NeedSql.joinItem('i', 'p.item_id')}
        WHERE ${DELIVERED} AND ${IN_SCOPE('n.organization_id')} AND ${IN_RANGE(DELIVERED_AT)}
        GROUP BY i.unit
        ORDER BY i.unit`,
      parameters(scope, range),
    );
  }

  /** The names of these camps and organisations, in one round trip; an unknown id has none. */
  async names(
    campIds: string[],
    organizationIds: string[],
    manager: EntityManager,
  ): Promise<{ campNames: Map<string, string>; organizationNames: Map<string, string> }> {
    const places = await placeNames(manager, organizationIds, campIds);
    const named = (ids: string[], name: (id: string) => string) =>
      new Map(ids.filter((id) => name(id) !== '').map((id) => [id, name(id)]));
    return {
      campNames: named(campIds, places.campName),
      organizationNames: named(organizationIds, places.organizationName),
    };
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
           FROM ${SignupSql.signups('s')}
           ${TaskSql.joinTask('t', 's.task_id')}
           ${OrganizationSql.joinCamp('c', 't.camp_id')}
           ${UserSql.joinUser('u', 's.volunteer_id')}
          WHERE ${ATTENDED} AND t.organization_id = $1::uuid AND ${IN_RANGE('t.starts_at')}
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
