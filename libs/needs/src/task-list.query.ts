import { EntityManager } from 'typeorm';
import { Keyset, Page, PageQuery } from '@haven/core';
import { OrganizationSql } from '@haven/organizations';
import { TaskEntity } from './entities/task.entity';
import type { TaskFilter } from './tasks.service';
import { TaskView, taskView } from './task.views';

interface TaskRow {
  id: string;
  need_id: string;
  organization_id: string;
  camp_id: string;
  category: TaskEntity['category'];
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  skills: string[];
  languages: string[];
  remote: boolean;
  signup_mode: TaskEntity['signupMode'];
  requires_safeguarding: boolean;
  status: TaskEntity['status'];
  status_reason: string | null;
  created_at: Date;
  updated_at: Date;
  organization_name: string;
  camp_name: string;
  timezone: string;
}

/** Soonest first; a row comparison on (starts_at, id), which the partial indexes serve. */
const SOONEST_FIRST = new Keyset<TaskRow>([
  { expression: 't.starts_at', direction: 'ASC', value: (row) => row.starts_at, kind: 'timestamp' },
  { expression: 't.id', direction: 'ASC', value: (row) => row.id, kind: 'uuid' },
]);

/**
 * The public task list as one SQL statement: the hottest read in Haven (DESIGN.md, Targets), so it
 * skips the ORM's query building and hydration and joins the names it shows. `status = 'open'` is a
 * literal so the planner can use the partial indexes; the keyset is a row comparison on
 * (starts_at, id), which those indexes serve. `ownOrganizationId` also shows a coordinator their
 * own organisation's tasks whatever its status; undefined means the caller sees everything (admins).
 */
export async function listTasks(
  manager: EntityManager,
  visibleTo: { ownOrganizationId: string | null } | undefined,
  filter: TaskFilter,
  page: PageQuery,
): Promise<Page<TaskView>> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = [`t.status = 'open'`];
  // Everyone sees upcoming tasks; an organisation's own members (and admins) may also look back,
  // with `from` in the past and `organizationId` set, to take attendance and record hours.
  const ownLookBack =
    filter.organizationId !== undefined &&
    (visibleTo === undefined || visibleTo.ownOrganizationId === filter.organizationId);
  where.push(
    filter.from && (ownLookBack || filter.from.getTime() > Date.now())
      ? `t.starts_at >= ${param(filter.from)}`
      : // now() rather than a parameter, and the limit inlined (a validated integer): the statement
        // is prepared (PreparingClient), and with no value-dependent parameter PostgreSQL settles on
        // one generic plan instead of planning every execution afresh.
        `t.starts_at > now()`,
  );
  if (visibleTo) {
    where.push(
      visibleTo.ownOrganizationId
        ? `(${OrganizationSql.isApproved('o')} OR t.organization_id = ${param(visibleTo.ownOrganizationId)})`
        : OrganizationSql.isApproved('o'),
    );
  }
  if (filter.to) where.push(`t.starts_at < ${param(filter.to)}`);
  if (filter.campId) where.push(`t.camp_id = ${param(filter.campId)}`);
  if (filter.category) where.push(`t.category = ${param(filter.category)}`);
  if (filter.needId) where.push(`t.need_id = ${param(filter.needId)}`);
  if (filter.organizationId) where.push(`t.organization_id = ${param(filter.organizationId)}`);
  if (filter.skill) where.push(`t.skills @> ARRAY[${param(filter.skill.trim().toLowerCase())}]::text[]`);
  if (filter.language) where.push(`t.languages @> ARRAY[${param(filter.language)}]::text[]`);
  if (filter.remote !== undefined) where.push(`t.remote = ${param(filter.remote)}`);
  if (filter.hasSpace === true) where.push('t.confirmed < t.capacity');
  if (filter.hasSpace === false) where.push('t.confirmed >= t.capacity');
  const after = SOONEST_FIRST.after(page, param);
  if (after) where.push(after);
  const rows: TaskRow[] = await manager.query(
    `SELECT t.*, o.name AS organization_name, c.name AS camp_name, c.timezone
       FROM tasks t
       ${OrganizationSql.joinOrganization('o', 't.organization_id')}
       ${OrganizationSql.joinCamp('c', 't.camp_id')}
      WHERE ${where.join(' AND ')}
      ORDER BY ${SOONEST_FIRST.orderBy()}
      LIMIT ${SOONEST_FIRST.limit(page)}`,
    params,
  );
  const { items, nextCursor } = SOONEST_FIRST.page(rows, page);
  return {
    items: items.map((row) =>
      taskView(entityOf(row), {
        organizationName: row.organization_name,
        campName: row.camp_name,
        timezone: row.timezone,
      }),
    ),
    nextCursor,
  };
}

function entityOf(row: TaskRow): TaskEntity {
  return Object.assign(new TaskEntity(), {
    id: row.id,
    needId: row.need_id,
    organizationId: row.organization_id,
    campId: row.camp_id,
    category: row.category,
    title: row.title,
    description: row.description,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    confirmed: row.confirmed,
    waitlisted: row.waitlisted,
    skills: row.skills,
    languages: row.languages,
    remote: row.remote,
    signupMode: row.signup_mode,
    requiresSafeguarding: row.requires_safeguarding,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
