import { EntityManager } from 'typeorm';
import type { TaskEntity } from '@haven/needs';
import { confirmedOverlapSql, validClearanceSql } from './signup.sql';

/**
 * Serialises everything that confirms one volunteer: two sign-ups of the same person to overlapping
 * tasks lock different task rows, so the overlap check needs a lock of its own. Always taken after
 * the task's row lock (task first, then volunteer), so sign-ups never wait on each other in a cycle.
 */
export async function lockVolunteer(manager: EntityManager, volunteerId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(4242, hashtext($1))`, [volunteerId]);
}

/** A confirmed task of the volunteer that overlaps this one (times are UTC instants, so zones agree). */
export async function overlappingTask(
  manager: EntityManager,
  volunteerId: string,
  task: TaskEntity,
): Promise<{ id: string; title: string } | null> {
  const [row] = await manager.query(`${confirmedOverlapSql('$1', '$3', '$4', '$2')} LIMIT 1`, [
    volunteerId,
    task.id,
    task.startsAt,
    task.endsAt,
  ]);
  return row ?? null;
}

/**
 * Serialises a revocation against every check that relies on the clearance: checks take it shared
 * (after the task's lock), a revocation exclusive (after the locks of the tasks it will change). Once a
 * revocation holds it, no approval or promotion that saw the clearance as valid is still uncommitted.
 */
export async function lockClearances(
  manager: EntityManager,
  organizationId: string,
  volunteerId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  await manager.query(
    `SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(4243, hashtext($1))`,
    [`${organizationId}:${volunteerId}`],
  );
}

/** Whether the volunteer holds an unrevoked clearance from the task's organisation valid on the day it ends there. */
export async function hasValidClearance(
  manager: EntityManager,
  volunteerId: string,
  task: TaskEntity,
): Promise<boolean> {
  await lockClearances(manager, task.organizationId, volunteerId, 'shared');
  const [row] = await manager.query(`SELECT ${validClearanceSql('$1', '$2', '$3', '$4')} AS valid`, [
    task.organizationId,
    volunteerId,
    task.campId,
    task.endsAt,
  ]);
  return row.valid === true;
}
