import { EntityManager } from 'typeorm';
import type { TaskEntity } from './entities/task.entity';

/**
 * What the needs context asks of sign-ups: who holds a live one for some tasks, and to fill places a
 * task gains. The volunteering context provides it (it owns sign-ups and depends on this one), so
 * needs and tasks can notify and serve the people signed up without depending on it.
 */
export interface TaskParticipants {
  liveVolunteers(manager: EntityManager, taskIds: string[]): Promise<string[]>;
  /** The task (locked by the caller) has more places: the waitlist moves up before anyone new comes in. */
  placesAdded(manager: EntityManager, task: TaskEntity): Promise<void>;
  /**
   * How many confirmed volunteers could not keep their place if the task ran at these times: they
   * are confirmed for an overlapping task, or (safeguarded tasks) their clearance ends before it does.
   */
  conflictsIfMoved(manager: EntityManager, task: TaskEntity, startsAt: Date, endsAt: Date): Promise<number>;
}

export const TASK_PARTICIPANTS = Symbol('TaskParticipants');
