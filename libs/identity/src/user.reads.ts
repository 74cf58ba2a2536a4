import { EntityManager } from 'typeorm';

/**
 * What other contexts may read about accounts: display names and who the administrators are, as
 * functions taking the caller's transaction; `UserSql` for a statement that must show names in one go.
 */
export const UserSql = {
  /** The display name of the account whose id is `idExpression`. */
  displayName: (idExpression: string) => `(SELECT display_name FROM users WHERE id = ${idExpression})`,
  /** Joins the account whose id is `idExpression` as `alias`, for a long list: its `display_name` may be read. */
  joinUser: (alias: string, idExpression: string) => `JOIN users ${alias} ON ${alias}.id = ${idExpression}`,
};

/** Display names by account id: `displayNames` in facts/notification-facts.ts. */

/** The administrators who can act today: active and not deleted. */
export async function activeAdminIds(manager: EntityManager): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM users WHERE role = 'admin' AND status = 'active' AND deleted_at IS NULL`,
  );
  return rows.map((row) => row.id);
}

/** Accounts not deleted, counted by role, with how many of each are suspended. */
export function accountCountsByRole(
  manager: EntityManager,
): Promise<{ role: string; count: number; suspended: number }[]> {
  return manager.query(
    `SELECT role, count(*)::int AS count, count(*) FILTER (WHERE status = 'suspended')::int AS suspended
       FROM users WHERE deleted_at IS NULL GROUP BY role`,
  );
}

/** Whether the account whose id is `idExpression` is active and not deleted. */
export const activeAccountSql = (idExpression: string) =>
  `EXISTS (SELECT 1 FROM users WHERE id = ${idExpression} AND status = 'active' AND deleted_at IS NULL)`;

/** Whether the account whose id is `idExpression` is an active volunteer, not deleted. */
export const activeVolunteerSql = (idExpression: string) =>
  `EXISTS (SELECT 1 FROM users WHERE id = ${idExpression} AND role = 'volunteer' AND status = 'active' AND deleted_at IS NULL)`;

/** The display name of a volunteer account that is not deleted, or null. */
export async function volunteerDisplayName(manager: EntityManager, id: string): Promise<string | null> {
  const [row] = await manager.query(
    `SELECT display_name FROM users WHERE id = $1 AND role = 'volunteer' AND deleted_at IS NULL`,
    [id],
  );
  return row?.display_name ?? null;
}
