import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764090000000 implements MigrationInterface {
  name = 'Notifications1764090000000';

  async up(db: QueryRunner): Promise<void> {
    // One message per outbox row and recipient: the unique key makes a relayed-twice row harmless.
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        outbox_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        in_app boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz(3),
        UNIQUE (outbox_id, user_id)
      )`);
    await db.query(
      `CREATE INDEX notifications_feed_idx ON notifications (user_id, created_at DESC, id DESC) WHERE in_app`,
    );
    await db.query(
      `CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC, id DESC) WHERE in_app AND read_at IS NULL`,
    );

    // Each channel's delivery of a message, at most once: a sent row is never sent again.
    await db.query(`
      CREATE TABLE notification_deliveries (
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email')),
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, channel)
      )`);
    await db.query(
      `CREATE INDEX notification_deliveries_failed_idx ON notification_deliveries (updated_at) WHERE status = 'failed'`,
    );

    await db.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        email boolean NOT NULL DEFAULT true,
        in_app boolean NOT NULL DEFAULT true,
        digest text NOT NULL DEFAULT 'off' CHECK (digest IN ('off', 'daily', 'weekly')),
        last_digest_at timestamptz(3)
      )`);
    await db.query(
      `CREATE INDEX notification_preferences_digest_idx ON notification_preferences (digest) WHERE digest <> 'off'`,
    );

    // A deleted account's messages and preferences go with it, in the deleting transaction.
    await db.query(`
      CREATE FUNCTION forget_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM notifications WHERE user_id = NEW.id;
        DELETE FROM notification_preferences WHERE user_id = NEW.id;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER users_forget_notifications AFTER UPDATE OF deleted_at ON users
      FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
      EXECUTE FUNCTION forget_notifications()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER users_forget_notifications ON users`);
    await db.query(`DROP FUNCTION forget_notifications`);
    await db.query(`DROP TABLE notification_preferences`);
    await db.query(`DROP TABLE notification_deliveries`);
    await db.query(`DROP TABLE notifications`);
  }
}
