import { Injectable } from '@nestjs/common';
import { Actor, CommonErrors, TransactionService } from '@haven/core';
import { findTasks, TaskSql, TaskView, TasksService } from '@haven/needs';
import { OrganizationSql } from '@haven/organizations';
import { confirmedOverlapSql } from './signup.sql';
import { VolunteerProfileEntity } from './entities/volunteer-profile.entity';

/** Recommendations look this far ahead: what a volunteer can plan for, and a bounded index range. */
export const HORIZON_DAYS = 60;

/** Points per kind of fit; the order a volunteer would rank them in: can do it, can talk, can come. */
export const MATCH_WEIGHTS = { skill: 3, language: 2, availability: 2, camp: 2, remote: 1 };

export interface Recommendation extends TaskView {
  score: number;
  reasons: string[];
}

/**
 * Ranks upcoming tasks with space by fit to the caller's profile, in SQL: the candidate tasks are
 * those in the next HORIZON_DAYS days sharing a skill or a language, at a preferred camp, or remote for a
 * volunteer who works remotely, found through the tasks' partial indexes; availability is compared in each
 * camp's own time zone. Tasks the volunteer holds, or that overlap one they are confirmed for, are
 * left out. `createdSince` keeps only tasks posted after it (for digests).
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly tasks: TasksService,
    private readonly transactions: TransactionService,
  ) {}

  recommend(
    actor: Actor,
    limit: number,
    createdSince?: Date,
  ): Promise<{ items: Recommendation[]; nextCursor: null }> {
    if (actor.role !== 'volunteer') throw CommonErrors.forbidden('Recommendations are for volunteers.');
    return this.transactions.run(async (manager) => {
      const profile = await manager.findOneBy(VolunteerProfileEntity, { userId: actor.id });
      const skills = profile?.skills ?? [];
      const languages = profile?.languages ?? [];
      const camps = profile?.campIds ?? [];
      const remote = profile?.remote ?? false;
      const arms = [
        skills.length > 0 && 't.skills && $2::text[]',
        languages.length > 0 && 't.languages && $3::text[]',
        camps.length > 0 && 't.camp_id = ANY($4::uuid[])',
        remote && 't.remote',
      ].filter(Boolean);
      if (arms.length === 0) return { items: [], nextCursor: null };
      const rows: { id: string; score: number; reasons: string[] }[] = await manager.query(
        `SELECT id, score, reasons FROM (
           SELECT t.id, t.starts_at,
                  ${MATCH_WEIGHTS.skill} * cardinality(m.skills) + ${MATCH_WEIGHTS.language} * cardinality(m.languages)
                  + CASE WHEN m.available THEN ${MATCH_WEIGHTS.availability} ELSE 0 END
                  + CASE WHEN m.preferred_camp THEN ${MATCH_WEIGHTS.camp} ELSE 0 END
                  + CASE WHEN m.remote THEN ${MATCH_WEIGHTS.remote} ELSE 0 END AS score,
                  ARRAY(SELECT 'speaks ' || l FROM unnest(m.languages) l)
                  || m.skills
                  || CASE WHEN m.available THEN ARRAY['fits your availability'] ELSE '{}'::text[] END
                  || CASE WHEN m.preferred_camp THEN ARRAY['at ' || c.name] ELSE '{}'::text[] END
                  || CASE WHEN m.remote THEN ARRAY['remote'] ELSE '{}'::text[] END AS reasons
             FROM ${TaskSql.tasks('t')}
             ${OrganizationSql.joinCamp('c', 't.camp_id')}
             CROSS JOIN LATERAL (
               SELECT ARRAY(SELECT s FROM unnest(t.skills) s WHERE s = ANY($2::text[]) ORDER BY s) AS skills,
                      ARRAY(SELECT l FROM unnest(t.languages) l WHERE l = ANY($3::text[]) ORDER BY l) AS languages,
                      t.camp_id = ANY($4::uuid[]) AS preferred_camp,
                      t.remote AND $5::boolean AS remote,
                      EXISTS (
                        SELECT 1 FROM jsonb_to_recordset($6::jsonb) AS w(weekday int, "from" text, "to" text),
                               LATERAL (SELECT t.starts_at AT TIME ZONE c.timezone AS local_start,
                                               t.ends_at AT TIME ZONE c.timezone AS local_end) l
                         WHERE w.weekday = extract(dow FROM l.local_start)
                           -- Offsets from the local day's midnight, so a window to 24:00 takes a task to midnight.
                           AND w."from"::interval <= l.local_start - date_trunc('day', l.local_start)
                           AND w."to"::interval >= l.local_end - date_trunc('day', l.local_start)
                      ) AS available
             ) m
            WHERE t.status = 'open' AND t.confirmed < t.capacity
              AND t.starts_at > now() AND t.starts_at < now() + interval '${HORIZON_DAYS} days'
              AND ($8::timestamptz IS NULL OR t.created_at > $8)
              AND (${arms.join(' OR ')})
              AND ${OrganizationSql.isApprovedId('t.organization_id')}
              AND NOT EXISTS (
                SELECT 1 FROM signups s WHERE s.task_id = t.id AND s.volunteer_id = $1
                   AND s.status IN ('pending', 'confirmed', 'waitlisted'))
              AND NOT EXISTS (${confirmedOverlapSql('$1', 't.starts_at', 't.ends_at')})
         ) ranked
         ORDER BY score DESC, starts_at, id
         LIMIT $7`,
        [
          actor.id,
          skills,
          languages,
          camps,
          remote,
          JSON.stringify(profile?.availability ?? []),
          limit,
          createdSince ?? null,
        ],
      );
      const found = await findTasks(
        manager,
        rows.map((row) => row.id),
      );
      const byId = new Map(found.map((task) => [task.id, task]));
      const views = await this.tasks.views(
        rows.flatMap((row) => byId.get(row.id) ?? []),
        manager,
      );
      return {
        items: rows.map((row, index) => ({ ...views[index], score: row.score, reasons: row.reasons })),
        nextCursor: null,
      };
    });
  }
}
