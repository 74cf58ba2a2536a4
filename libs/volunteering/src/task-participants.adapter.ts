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
}
