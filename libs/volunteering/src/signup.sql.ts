import { OrganizationSql } from '@haven/organizations';
import { TaskSql } from '@haven/needs';

/**
 * The sign-up rules every statement shares, written once. Each takes SQL expressions (placeholders
 * or outer columns) and returns a condition; aliases inside are prefixed so they never shadow the
 * caller's.
 */

/**
 * The volunteer `volunteer` is confirmed for an open task, other than `except`, overlapping
 * [startsAt, endsAt): used to refuse a sign-up, to count who a move would push out, and to leave
 * such tasks out of recommendations.
 */
export function confirmedOverlapSql(
  volunteer: string,
  startsAt: string,
  endsAt: string,
  except: string | null = null,
): string {
  return `SELECT overlap_task.id, overlap_task.title
            FROM signups overlap_signup
            JOIN ${TaskSql.openOverlapping(startsAt, endsAt)} overlap_task ON overlap_task.id = overlap_signup.task_id
           WHERE overlap_signup.volunteer_id = ${volunteer} AND overlap_signup.status = 'confirmed'
             ${except ? `AND overlap_task.id <> ${except}` : ''}`;
}

/**
 * The volunteer holds an unrevoked clearance from the organisation, valid on the camp's local day
 * at `endsAt` (the day the task ends there).
 */
export function validClearanceSql(
  organization: string,
  volunteer: string,
  campId: string,
  endsAt: string,
): string {
  return `EXISTS (
            SELECT 1 FROM safeguarding_clearances clearance
             WHERE clearance.organization_id = ${organization} AND clearance.volunteer_id = ${volunteer}
               AND clearance.revoked_at IS NULL
               AND clearance.valid_until >= ${OrganizationSql.campLocalDate(campId, endsAt)})`;
}
