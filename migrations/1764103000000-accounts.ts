import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that people can keep: a verified e-mail, a language of their choice, and single-use
 * tokens (e-mail verification, password reset) stored only as hashes.
 */
export class Accounts1764103000000 implements MigrationInterface {
  name = 'Accounts1764103000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz(3)`);
    await db.query(
      `ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ar', 'ckb', 'kmr'))`,
    );
    // Accounts that existed before verification was introduced were created by people who already
    // used them; they count as verified rather than being locked out of what they did yesterday.
    await db.query(`UPDATE users SET email_verified_at = created_at`);
    await db.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
        -- Set by the worker when it mails the link: the token itself is never stored.
        token_hash text,
        expires_at timestamptz(3) NOT NULL,
        sent_at timestamptz(3),
        used_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX account_tokens_token_hash_key ON account_tokens (token_hash) WHERE token_hash IS NOT NULL`,
    );
    await db.query(`CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_tokens`);
    await db.query(`ALTER TABLE users DROP COLUMN locale`);
    await db.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}
