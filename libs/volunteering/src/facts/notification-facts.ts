import { EntityManager } from 'typeorm';

export interface SignupFact {
  status: string;
  taskId: string;
  volunteerId: string;
}

/** Sign-ups by id (status, task, volunteer), in one query. */
export async function signupFacts(manager: EntityManager, ids: string[]): Promise<Map<string, SignupFact>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; status: string; task_id: string; volunteer_id: string }[] = await manager.query(
    'SELECT id, status, task_id, volunteer_id FROM signups WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(
    rows.map((row) => [row.id, { status: row.status, taskId: row.task_id, volunteerId: row.volunteer_id }]),
  );
}

/** Every sign-up of the given tasks, whatever its status, in one query. */
export async function signupsOfTasks(
  manager: EntityManager,
  taskIds: string[],
): Promise<({ id: string } & SignupFact)[]> {
  if (taskIds.length === 0) return [];
  const rows: { id: string; status: string; task_id: string; volunteer_id: string }[] = await manager.query(
    'SELECT id, status, task_id, volunteer_id FROM signups WHERE task_id = ANY($1::uuid[])',
    [taskIds],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    taskId: row.task_id,
    volunteerId: row.volunteer_id,
  }));
}
