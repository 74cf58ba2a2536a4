import { EntityManager } from 'typeorm';
import { PHONE_CODE_SECONDS } from '../phone/phone-code';

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

/** Whether the user has a verified phone; with `lock`, the phone row is held (FOR SHARE) till commit. */
export async function hasVerifiedPhone(
  manager: EntityManager,
  userId: string,
  options: { lock?: boolean; volunteerOnly?: boolean } = {},
): Promise<boolean> {
  const [row] = await manager.query(
    `SELECT 1 FROM user_phones p JOIN users u ON u.id = p.user_id
      WHERE p.user_id = $1 AND p.verified_at IS NOT NULL${options.volunteerOnly ? ` AND u.role = 'volunteer'` : ''}
      ${options.lock ? 'FOR SHARE OF p' : ''}`,
    [userId],
  );
  return row !== undefined;
}

/** Where a text to the user goes: their verified number and language, if the account is not deleted. */
export async function phoneContact(
  manager: EntityManager,
  userId: string,
): Promise<{ number: string; locale: string } | null> {
  const [row]: { number: string; locale: string }[] = await manager.query(
    `SELECT p.number, u.locale FROM user_phones p JOIN users u ON u.id = p.user_id
      WHERE p.user_id = $1 AND p.verified_at IS NOT NULL AND u.deleted_at IS NULL`,
    [userId],
  );
  return row ?? null;
}

/** The accounts that hold the number (a family may share one phone), verified or not. */
export async function userIdsWithPhone(manager: EntityManager, number: string): Promise<string[]> {
  const rows: { user_id: string }[] = await manager.query(
    'SELECT user_id FROM user_phones WHERE number = $1',
    [number],
  );
  return rows.map((row) => row.user_id);
}

/**
 * Arms a phone challenge that has no code yet (of an account not deleted) with a fresh code's hash, locking it till commit; returns where to send the code, or null when the challenge
 * is gone, replaced or already armed.
 */
export async function armPhoneChallenge(
  manager: EntityManager,
  challengeId: string,
  codeHash: string,
): Promise<{ number: string; locale: string } | null> {
  const [phone]: { user_id: string; number: string; locale: string }[] = await manager.query(
    `SELECT p.user_id, p.number, u.locale FROM user_phones p JOIN users u ON u.id = p.user_id
      WHERE p.challenge_id = $1 AND p.code_hash IS NULL AND u.deleted_at IS NULL FOR UPDATE OF p`,
    [challengeId],
  );
  if (!phone) return null;
  await manager.query(
    `UPDATE user_phones SET code_hash = $2, code_tries = 0,
            code_expires_at = now() + make_interval(secs => $3), updated_at = clock_timestamp()
      WHERE user_id = $1`,
    [phone.user_id, codeHash, PHONE_CODE_SECONDS],
  );
  return { number: phone.number, locale: phone.locale };
}
