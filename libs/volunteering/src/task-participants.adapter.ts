import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TaskEntity, TaskParticipants } from '@haven/needs';
import { confirmedOverlapSql, validClearanceSql } from './signup.sql';
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
          EXISTS (${confirmedOverlapSql('s.volunteer_id', '$2', '$3', '$1')})
          OR ($4 AND NOT ${validClearanceSql('$6', 's.volunteer_id', '$5', '$3')}))`,
      [task.id, startsAt, endsAt, task.requiresSafeguarding, task.campId, task.organizationId],
    );
    return row.count;
  }
}
