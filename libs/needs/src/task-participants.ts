import { EntityManager } from 'typeorm';

/**
 * Who holds a live sign-up for some tasks. The volunteering context provides it (it owns sign-ups and
 * depends on this one), so needs and tasks can notify the people signed up without depending on it.
 */
export interface TaskParticipants {
  liveVolunteers(manager: EntityManager, taskIds: string[]): Promise<string[]>;
}

export const TASK_PARTICIPANTS = Symbol('TaskParticipants');
