import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, CommonErrors, Keyset, PageQuery, TransactionService } from '@haven/core';
import { UserSql } from '@haven/identity';
import { findTask, OrganizationRecordAccess, TaskSql } from '@haven/needs';
import { OrganizationSql } from '@haven/organizations';
import { SafeguardingClearanceEntity } from './entities/safeguarding-clearance.entity';
import { LIVE_SIGNUP_STATUSES, SignupEntity } from './entities/signup.entity';
import { VolunteerProfileEntity } from './entities/volunteer-profile.entity';
import { clearanceView } from './safeguarding.service';
import { signupView, WAITLIST_POSITION_SQL } from './signups.service';
import { profileView } from './volunteer-profiles.service';

/** What every list of sign-ups shows of one, from its row. */
function listedSignup(row: {
  id: string;
  status: string;
  waitlist_position: number | null;
  hours: string | null;
  created_at: Date;
}) {
  return {
    id: row.id,
    status: row.status,
    waitlistPosition: row.waitlist_position,
    hours: row.hours === null ? null : Number(row.hours),
    createdAt: row.created_at,
  };
}

interface HistoryRow {
  id: string;
  status: string;
  hours: string | null;
  created_at: Date;
  waitlist_position: number | null;
  task_id: string;
  task_title: string;
  starts_at: Date;
  ends_at: Date;
  task_status: string;
  remote: boolean;
  timezone: string;
  camp_name: string;
  organization_name: string;
  need_id: string;
  need_title: string;
}

/** A task's sign-ups in queue order. */
const QUEUE_ORDER = new Keyset<{ seq: string }>([
  { expression: 's.seq', direction: 'ASC', value: (row) => row.seq, kind: 'integer' },
]);

/** A volunteer's sign-ups, newest first. */
const NEWEST_FIRST = new Keyset<{ created_at: Date; id: string }>([
  { expression: 's.created_at', direction: 'DESC', value: (row) => row.created_at, kind: 'timestamp' },
  { expression: 's.id', direction: 'DESC', value: (row) => row.id, kind: 'uuid' },
]);

/** Reads of sign-ups: a task's list for its organisation, a volunteer's history, and who to notify. */
@Injectable()
export class SignupQueries {
  constructor(
    private readonly access: OrganizationRecordAccess,
    private readonly transactions: TransactionService,
  ) {}

  async liveVolunteers(manager: EntityManager, taskIds: string[]): Promise<string[]> {
    if (taskIds.length === 0) return [];
    const signups = await manager.find(SignupEntity, {
      where: { taskId: In(taskIds), status: In(LIVE_SIGNUP_STATUSES) },
    });
    return [...new Set(signups.map((signup) => signup.volunteerId))];
  }

  /**
   * A task's sign-ups in queue order, for its organisation. Each volunteer's no-shows are counted
   * over the last 12 months at this organisation's tasks only: a private signal, never a public score.
   */
  forTask(actor: Actor, taskId: string, page: PageQuery) {
    return this.transactions.run(async (manager) => {
      const task = await findTask(manager, taskId);
      if (!task) throw CommonErrors.notFound('task');
      if (actor.role !== 'admin') {
        await this.access.assertMember(actor, task.organizationId, manager, {
          toRead: true,
          notVisible: () => CommonErrors.notFound('task'),
        });
      }
      const params: unknown[] = [taskId, task.organizationId];
      const after = QUEUE_ORDER.after(page, (value) => `$${params.push(value)}`);
      const rows: {
        id: string;
        seq: string;
        status: string;
        hours: string | null;
        created_at: Date;
        volunteer_id: string;
        display_name: string;
        skills: string[] | null;
        languages: string[] | null;
        no_shows: number;
        waitlist_position: number | null;
      }[] = await manager.query(
        `SELECT s.id, s.seq, s.status, s.hours, s.created_at, s.volunteer_id, ${UserSql.displayName('s.volunteer_id')} AS display_name,
                ${WAITLIST_POSITION_SQL} AS waitlist_position,
                p.skills, p.languages,
                (SELECT count(*)::int FROM signups n ${TaskSql.joinTask('nt', 'n.task_id')}
                  WHERE n.volunteer_id = s.volunteer_id AND n.status = 'no_show'
                    AND nt.organization_id = $2 AND nt.starts_at > now() - interval '12 months') AS no_shows
           FROM signups s
           LEFT JOIN volunteer_profiles p ON p.user_id = s.volunteer_id
          WHERE s.task_id = $1 ${after ? `AND ${after}` : ''}
          ORDER BY ${QUEUE_ORDER.orderBy()}
          LIMIT ${QUEUE_ORDER.limit(page)}`,
        params,
      );
      const { items, nextCursor } = QUEUE_ORDER.page(rows, page);
      return {
        items: items.map((row) => ({
          ...listedSignup(row),
          volunteer: {
            id: row.volunteer_id,
            displayName: row.display_name,
            skills: row.skills ?? [],
            languages: row.languages ?? [],
          },
          noShowsLast12Months: row.no_shows,
        })),
        nextCursor,
      };
    });
  }

  /** Everything the volunteering context holds about the caller, for their data export. */
  exportFor(actor: Actor) {
    return this.transactions.run(async (manager) => ({
      volunteerProfile: profileView(await manager.findOneBy(VolunteerProfileEntity, { userId: actor.id })),
      signups: (
        await manager.find(SignupEntity, { where: { volunteerId: actor.id }, order: { createdAt: 'ASC' } })
      ).map((signup) => signupView(signup)),
      safeguardingClearances: (
        await manager.find(SafeguardingClearanceEntity, {
          where: { volunteerId: actor.id },
          order: { createdAt: 'ASC' },
        })
      ).map((clearance) => clearanceView(clearance)),
    }));
  }

  /** The caller's sign-ups, newest first, with task and need summaries and their totals. */
  mine(actor: Actor, page: PageQuery) {
    return this.transactions.run(async (manager) => {
      const params: unknown[] = [actor.id];
      const after = NEWEST_FIRST.after(page, (value) => `$${params.push(value)}`);
      const rows: HistoryRow[] = await NEWEST_FIRST.fetch(page, () =>
        manager.query(
          `SELECT s.id, s.status, s.hours, s.created_at, ${WAITLIST_POSITION_SQL} AS waitlist_position,
                  t.id AS task_id, t.title AS task_title, t.starts_at,
                  t.ends_at, t.status AS task_status, t.remote, c.timezone, c.name AS camp_name,
                  o.name AS organization_name, n.id AS need_id, n.title AS need_title
             FROM signups s
             ${TaskSql.joinTask('t', 's.task_id')}
             ${TaskSql.joinNeed('n', 't.need_id')}
             ${OrganizationSql.joinCamp('c', 't.camp_id')}
             ${OrganizationSql.joinOrganization('o', 't.organization_id')}
            WHERE s.volunteer_id = $1 ${after ? `AND ${after}` : ''}
            ORDER BY ${NEWEST_FIRST.orderBy()}
            LIMIT ${NEWEST_FIRST.limit(page)}`,
          params,
        ),
      );
      const [totals] = await manager.query(
        `SELECT coalesce(sum(s.hours), 0)::float AS hours,
                count(*) FILTER (WHERE s.status = 'attended')::int AS attended,
                count(*) FILTER (WHERE s.status = 'confirmed' AND t.starts_at > now() AND t.status = 'open')::int AS upcoming
           FROM signups s ${TaskSql.joinTask('t', 's.task_id')}
          WHERE s.volunteer_id = $1`,
        [actor.id],
      );
      const { items, nextCursor } = NEWEST_FIRST.page(rows, page);
      return {
        items: items.map((row) => ({
          ...listedSignup(row),
          task: {
            id: row.task_id,
            title: row.task_title,
            startsAt: row.starts_at,
            endsAt: row.ends_at,
            status: row.task_status,
            remote: row.remote,
            timezone: row.timezone,
            campName: row.camp_name,
            organizationName: row.organization_name,
          },
          need: { id: row.need_id, title: row.need_title },
        })),
        nextCursor,
        totals,
      };
    });
  }
}
