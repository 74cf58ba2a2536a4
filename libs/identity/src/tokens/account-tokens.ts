import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';

export type AccountTokenPurpose = 'verify_email' | 'password_reset';

/**
 * How long a link works, counted from the moment it is e-mailed (a mail delayed in the outbox still
 * gets its full time): a day for e-mail verification, 30 minutes for a password reset (API.md).
 */
export const ACCOUNT_TOKEN_SECONDS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 3600,
  password_reset: 30 * 60,
};

export const hashAccountToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Records that a link is due, in the caller's transaction; earlier unused links of the same purpose
 * stop working, so only the newest e-mail's link counts. The token itself is made when the worker
 * sends the e-mail (`mintAccountToken`): it exists only in that e-mail, never in a table, the
 * outbox or a log.
 */
export async function recordAccountToken(
  manager: EntityManager,
  userId: string,
  purpose: AccountTokenPurpose,
): Promise<string> {
  await manager.query(
    `UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
    [userId, purpose],
  );
  const [row]: { id: string }[] = await manager.query(
    `INSERT INTO account_tokens (user_id, purpose, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id`,
    [userId, purpose, ACCOUNT_TOKEN_SECONDS[purpose]],
  );
  return row.id;
}

export interface MintedToken {
  token: string;
  purpose: AccountTokenPurpose;
  userId: string;
}

/**
 * For the mail sender, in the transaction that sends: makes the secret of a recorded link, stores
 * its hash and starts its time. Null when the link is no longer wanted (superseded, already mailed,
 * the address verified meanwhile, the account deleted or suspended). The row stays locked until
 * the caller commits, and `sent_at` keeps a retried job from mailing a second link.
 */
export async function mintAccountToken(manager: EntityManager, tokenId: string): Promise<MintedToken | null> {
  const token = randomBytes(32).toString('base64url');
  const [[row]]: [{ user_id: string; purpose: AccountTokenPurpose }[], number] = await manager.query(
    `UPDATE account_tokens t
        SET token_hash = $2, sent_at = now(),
            expires_at = now() + CASE t.purpose WHEN 'verify_email' THEN make_interval(secs => $3)
                                                ELSE make_interval(secs => $4) END
       FROM users u
      WHERE t.id = $1 AND u.id = t.user_id AND t.used_at IS NULL AND t.sent_at IS NULL
        AND u.deleted_at IS NULL AND u.status = 'active'
        AND (t.purpose <> 'verify_email' OR u.email_verified_at IS NULL)
      RETURNING t.user_id, t.purpose`,
    [
      tokenId,
      hashAccountToken(token),
      ACCOUNT_TOKEN_SECONDS.verify_email,
      ACCOUNT_TOKEN_SECONDS.password_reset,
    ],
  );
  return row ? { token, purpose: row.purpose, userId: row.user_id } : null;
}

/** Uses a link once: the user it belongs to, or null when unknown, used or expired. */
export async function consumeAccountToken(
  manager: EntityManager,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<string | null> {
  // TypeORM answers an UPDATE with [rows, affected count].
  const [[row]]: [{ user_id: string }[], number] = await manager.query(
    `UPDATE account_tokens SET used_at = now()
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`,
    [hashAccountToken(token), purpose],
  );
  return row?.user_id ?? null;
}
