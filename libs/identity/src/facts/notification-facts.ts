import { EntityManager } from 'typeorm';

/** Where and how to reach a person: only accounts that are not deleted. */
export interface Contact {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  role: string;
}

/** The contacts of the given users that still have an account, in one query. */
export async function contactsOf(manager: EntityManager, userIds: string[]): Promise<Map<string, Contact>> {
  if (userIds.length === 0) return new Map();
  const rows: { id: string; email: string; display_name: string; locale: string; role: string }[] =
    await manager.query(
      'SELECT id, email, display_name, locale, role FROM users WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL',
      [userIds],
    );
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, email: row.email, displayName: row.display_name, locale: row.locale, role: row.role },
    ]),
  );
}

/** Display names by user id (deleted accounts keep their anonymised name), in one query. */
export async function displayNames(manager: EntityManager, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows: { id: string; display_name: string }[] = await manager.query(
    'SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])',
    [userIds],
  );
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
