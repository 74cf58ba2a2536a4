import { EntityManager } from 'typeorm';

/** What other contexts may read about needs and tasks to word a message, by id, in one query each. */
export interface NeedFact {
  title: string;
  campId: string;
}
export interface TaskFact {
  id: string;
  title: string;
  startsAt: Date;
  remote: boolean;
  campId: string;
  status: string;
}

export async function needFacts(manager: EntityManager, ids: string[]): Promise<Map<string, NeedFact>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; title: string; camp_id: string }[] = await manager.query(
    'SELECT id, title, camp_id FROM needs WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, { title: row.title, campId: row.camp_id }]));
}

export async function taskFacts(manager: EntityManager, ids: string[]): Promise<Map<string, TaskFact>> {
  if (ids.length === 0) return new Map();
  const rows: {
    id: string;
    title: string;
    starts_at: Date;
    remote: boolean;
    camp_id: string;
    status: string;
  }[] = await manager.query(
    'SELECT id, title, starts_at, remote, camp_id, status FROM tasks WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        title: row.title,
        startsAt: row.starts_at,
        remote: row.remote,
        campId: row.camp_id,
        status: row.status,
      },
    ]),
  );
}

/** Whether a task still takes place: open and not yet started. */
export const taskAhead = (task: TaskFact | undefined, now = new Date()): boolean =>
  task !== undefined && task.status === 'open' && task.startsAt.getTime() > now.getTime();

/** The ids of every task of the given needs. */
export async function taskIdsOfNeeds(manager: EntityManager, needIds: string[]): Promise<string[]> {
  if (needIds.length === 0) return [];
  const rows: { id: string }[] = await manager.query('SELECT id FROM tasks WHERE need_id = ANY($1::uuid[])', [
    needIds,
  ]);
  return rows.map((row) => row.id);
}

/** Open tasks that start after `from` and before `to`. */
export async function openTasksStartingBetween(
  manager: EntityManager,
  from: Date,
  to: Date,
): Promise<TaskFact[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM tasks WHERE status = 'open' AND starts_at > $1 AND starts_at < $2`,
    [from, to],
  );
  return [
    ...(
      await taskFacts(
        manager,
        rows.map((row) => row.id),
      )
    ).values(),
  ];
}
