import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import { Actor, CommonErrors, TransactionService } from '@haven/core';
import { activeAccountSql } from '@haven/identity';
import { TaskSql } from '@haven/needs';
import { OrganizationSql } from '@haven/organizations';
import { CalendarTokenEntity } from './entities/calendar-token.entity';
import { VolunteeringErrors } from './volunteering.errors';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A volunteer's confirmed shifts as an RFC 5545 feed their own calendar subscribes to. Calendar apps
 * cannot send a bearer token, so the feed is reached by a long random token in its URL, stored
 * hashed, replaced on every issue and revocable.
 */
@Injectable()
export class CalendarService {
  constructor(private readonly transactions: TransactionService) {}

  issue(actor: Actor): Promise<{ token: string; path: string }> {
    if (actor.role !== 'volunteer') throw CommonErrors.forbidden('Only volunteers have a shift calendar.');
    const token = randomBytes(32).toString('base64url');
    return this.transactions.run(async (manager) => {
      await manager.upsert(CalendarTokenEntity, { userId: actor.id, tokenHash: hash(token) }, ['userId']);
      return { token, path: `/api/v1/me/calendar.ics?token=${token}` };
    });
  }

  async revoke(actor: Actor): Promise<void> {
    await this.transactions.run((manager) => manager.delete(CalendarTokenEntity, { userId: actor.id }));
  }

  /** The feed for a token: confirmed and attended shifts from the last 30 days on. */
  feed(token: string): Promise<string> {
    return this.transactions.run(async (manager) => {
      const [owner] = await manager.query(
        `SELECT c.user_id FROM calendar_tokens c WHERE c.token_hash = $1 AND ${activeAccountSql('c.user_id')}`,
        [hash(token)],
      );
      if (!owner) throw VolunteeringErrors.calendarNotFound();
      const shifts: {
        id: string;
        title: string;
        starts_at: Date;
        ends_at: Date;
        remote: boolean;
        camp: string;
        organization: string;
        updated_at: Date;
      }[] = await manager.query(
        `SELECT s.id, t.title, t.starts_at, t.ends_at, t.remote, c.name AS camp,
                o.name AS organization, greatest(s.updated_at, t.updated_at) AS updated_at
           FROM signups s
           ${TaskSql.joinTask('t', 's.task_id')}
           ${OrganizationSql.joinCamp('c', 't.camp_id')}
           ${OrganizationSql.joinOrganization('o', 't.organization_id')}
          WHERE s.volunteer_id = $1 AND s.status IN ('confirmed', 'attended') AND t.status = 'open'
            AND t.ends_at > now() - interval '30 days'
          ORDER BY t.starts_at
          LIMIT 500`,
        [owner.user_id],
      );
      const calendar = ical({ name: 'Haven shifts', prodId: { company: 'Haven', product: 'shifts' } });
      for (const shift of shifts) {
        calendar.createEvent({
          id: `${shift.id}@haven`,
          start: shift.starts_at,
          end: shift.ends_at,
          summary: shift.title,
          description: `With ${shift.organization}, via Haven.`,
          location: shift.remote ? 'Remote' : shift.camp,
          lastModified: shift.updated_at,
        });
      }
      return calendar.toString();
    });
  }
}
