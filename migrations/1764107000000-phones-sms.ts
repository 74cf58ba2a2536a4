import { MigrationInterface, QueryRunner } from 'typeorm';

export class PhonesSms1764107000000 implements MigrationInterface {
  name = 'PhonesSms1764107000000';

  async up(db: QueryRunner): Promise<void> {
    // A volunteer's phone, for Haven's own messages to them. The code is made by the worker when the
    // text goes out and only its keyed hash is kept; it lapses after 10 minutes or 5 wrong tries.
    // Several people may share one phone (families in a camp), so the number is not unique.
    await db.query(`
      CREATE TABLE user_phones (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        number text NOT NULL CHECK (number ~ '^\\+[1-9][0-9]{6,14}$'),
        verified_at timestamptz(3),
        challenge_id uuid,
        code_hash text,
        code_expires_at timestamptz(3),
        code_tries integer NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX user_phones_number_idx ON user_phones (number)`);
    await db.query(`CREATE UNIQUE INDEX user_phones_challenge_key ON user_phones (challenge_id)`);

    await db.query(`ALTER TABLE notification_preferences ADD COLUMN sms boolean NOT NULL DEFAULT false`);
    await db.query(
      `ALTER TABLE notification_preferences ADD COLUMN quiet_from text CHECK (quiet_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`,
    );
    await db.query(
      `ALTER TABLE notification_preferences ADD COLUMN quiet_to text CHECK (quiet_to ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`,
    );
    await db.query(
      `ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_quiet_both
         CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))`,
    );

    // SMS beside e-mail: held back during quiet hours (hold_until), and the operator's receipt.
    await db.query(
      `ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_channel_check`,
    );
    await db.query(
      `ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_channel_check CHECK (channel IN ('email', 'sms'))`,
    );
    await db.query(`ALTER TABLE notification_deliveries ADD COLUMN hold_until timestamptz(3)`);
    await db.query(`ALTER TABLE notification_deliveries ADD COLUMN provider_id text`);
    await db.query(`ALTER TABLE notification_deliveries ADD COLUMN receipt text`);
    await db.query(`ALTER TABLE notification_deliveries ADD COLUMN receipt_at timestamptz(3)`);
    await db.query(
      `CREATE INDEX notification_deliveries_held_idx ON notification_deliveries (hold_until) WHERE status = 'pending' AND hold_until IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX notification_deliveries_provider_idx ON notification_deliveries (provider_id) WHERE provider_id IS NOT NULL`,
    );

    // A deleted account's phone goes with it, in the deleting transaction.
    await db.query(`
      CREATE FUNCTION forget_phone() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM user_phones WHERE user_id = NEW.id;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER users_forget_phone AFTER UPDATE OF deleted_at ON users
      FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
      EXECUTE FUNCTION forget_phone()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER users_forget_phone ON users`);
    await db.query(`DROP FUNCTION forget_phone`);
    await db.query(`DROP INDEX notification_deliveries_provider_idx`);
    await db.query(`DROP INDEX notification_deliveries_held_idx`);
    await db.query(
      `ALTER TABLE notification_deliveries DROP COLUMN hold_until, DROP COLUMN provider_id, DROP COLUMN receipt, DROP COLUMN receipt_at`,
    );
    await db.query(`DELETE FROM notification_deliveries WHERE channel = 'sms'`);
    await db.query(
      `ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_channel_check`,
    );
    await db.query(
      `ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_channel_check CHECK (channel IN ('email'))`,
    );
    await db.query(
      `ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_quiet_both`,
    );
    await db.query(
      `ALTER TABLE notification_preferences DROP COLUMN sms, DROP COLUMN quiet_from, DROP COLUMN quiet_to`,
    );
    await db.query(`DROP TABLE user_phones`);
  }
}
