import { EntityManager, In } from 'typeorm';
import { CommonErrors } from '@haven/core';
import { TaskEntity } from './entities/task.entity';

/**
 * What other contexts may read (and, for sign-ups, count) on tasks and needs. Lookups are functions
 * taking the caller's transaction; set-based reads that must stay one statement take fragments
 * from `TaskSql`, so the tables and the "open and overlapping" rule are written here only.
 */
export const TaskSql = {
  /** Joins the task whose id is `idExpression` as `alias`; its columns may be read. */
  joinTask: (alias: string, idExpression: string) => `JOIN tasks ${alias} ON ${alias}.id = ${idExpression}`,
  /** All tasks as `alias`, for a statement that ranks or filters tasks by their columns. */
  tasks: (alias: string) => `tasks ${alias}`,
  /** Joins the need whose id is `idExpression` as `alias`: its `id`, `title` may be read. */
  joinNeed: (alias: string, idExpression: string) => `JOIN needs ${alias} ON ${alias}.id = ${idExpression}`,
  /**
   * The open tasks overlapping [startsAt, endsAt), as a relation (id, title) to join: times are UTC
   * instants, so zones agree.
   */
  openOverlapping: (startsAt: string, endsAt: string) =>
    `(SELECT id, title FROM tasks WHERE status = 'open' AND starts_at < ${endsAt} AND ends_at > ${startsAt})`,
  /** The task `alias` is completed: it has ended and was not cancelled. */
  isCompleted: (alias: string) => `${alias}.status <> 'cancelled' AND ${alias}.ends_at <= now()`,
  /** The task `alias` was cancelled. */
  isCancelled: (alias: string) => `${alias}.status = 'cancelled'`,
  /** Takes the row lock of the task whose id is `idExpression`, as `lockTask` does. */
  lockTask: (idExpression: string) => `SELECT id FROM tasks WHERE id = ${idExpression} FOR UPDATE`,
  /**
   * Adds to the places of tasks (what `storePlaceCount` stores): for each row of `from` where `when`
   * holds, the task whose id is `idExpression` gains `confirmed` and `waitlisted` (integer
   * expressions over that row).
   */
  addPlaces: (from: string, idExpression: string, when: string, confirmed: string, waitlisted: string) =>
    `UPDATE tasks SET confirmed = tasks.confirmed + ${confirmed}, waitlisted = tasks.waitlisted + ${waitlisted},
                      updated_at = now()
       FROM ${from} WHERE tasks.id = ${idExpression} AND ${when}`,
};

export function findTask(manager: EntityManager, id: string): Promise<TaskEntity | null> {
  return manager.findOneBy(TaskEntity, { id });
}

export function findTasks(manager: EntityManager, ids: string[]): Promise<TaskEntity[]> {
  return manager.findBy(TaskEntity, { id: In(ids) });
}

/** The task, locked for update until the transaction ends (every sign-up change takes it first). */
export async function lockTask(manager: EntityManager, id: string): Promise<TaskEntity> {
  const task = await manager.findOne(TaskEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!task) throw CommonErrors.notFound('task');
  return task;
}

/** Stores the task's confirmed or waitlisted count, which the sign-up context keeps under the task lock. */
export async function storePlaceCount(
  manager: EntityManager,
  task: TaskEntity,
  count: 'confirmed' | 'waitlisted',
): Promise<void> {
  await manager.update(TaskEntity, task.id, { [count]: task[count] });
}
