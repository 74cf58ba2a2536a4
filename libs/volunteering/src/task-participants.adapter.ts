import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TaskEntity, TaskParticipants } from '@haven/needs';
import { SignupQueries } from './signup-queries.service';
import { SignupsService } from './signups.service';

/** The volunteering side of the needs context's TaskParticipants port. */
@Injectable()
export class TaskParticipantsAdapter implements TaskParticipants {
  constructor(
    private readonly queries: SignupQueries,
    private readonly signups: SignupsService,
  ) {}

  liveVolunteers(manager: EntityManager, taskIds: string[]): Promise<string[]> {
    return this.queries.liveVolunteers(manager, taskIds);
  }

  placesAdded(manager: EntityManager, task: TaskEntity): Promise<void> {
    return this.signups.promote(task, manager);
  }

  async conflictsIfMoved(
    manager: EntityManager,
    task: TaskEntity,
    startsAt: Date,
    endsAt: Date,
  ): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS count FROM signups s
        WHERE s.task_id = $1 AND s.status = 'confirmed' AND (
          EXISTS (SELECT 1 FROM signups o JOIN tasks t ON t.id = o.task_id
                   WHERE o.volunteer_id = s.volunteer_id AND o.status = 'confirmed' AND t.status = 'open'
                     AND t.id <> $1 AND t.starts_at < $3 AND t.ends_at > $2)
          OR ($4 AND NOT EXISTS (
                SELECT 1 FROM safeguarding_clearances c, camps
                 WHERE camps.id = $5 AND c.organization_id = $6 AND c.volunteer_id = s.volunteer_id
                   AND c.revoked_at IS NULL AND c.valid_until >= ($3::timestamptz AT TIME ZONE camps.timezone)::date)))`,
      [task.id, startsAt, endsAt, task.requiresSafeguarding, task.campId, task.organizationId],
    );
    return row.count;
  }
}
