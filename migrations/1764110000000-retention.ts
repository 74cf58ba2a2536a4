import { MigrationInterface, QueryRunner } from 'typeorm';

export class Retention1764110000000 implements MigrationInterface {
  name = 'Retention1764110000000';

  async up(db: QueryRunner): Promise<void> {
    // Retention (DESIGN.md, Privacy): accounts unused for a configured period are warned, then
    // anonymised. Activity is a sign-in or a session refresh; existing accounts start from their
    // last change, so nobody is warned the day this runs for an account used yesterday.
    await db.query(`ALTER TABLE users ADD COLUMN last_active_at timestamptz(3)`);
    await db.query(`UPDATE users SET last_active_at = greatest(created_at, updated_at)`);
    await db.query(`ALTER TABLE users ALTER COLUMN last_active_at SET NOT NULL`);
    await db.query(`ALTER TABLE users ALTER COLUMN last_active_at SET DEFAULT clock_timestamp()`);
    await db.query(`ALTER TABLE users ADD COLUMN inactivity_warned_at timestamptz(3)`);
    await db.query(`CREATE INDEX users_inactive_idx ON users (last_active_at) WHERE deleted_at IS NULL`);
    // Old notifications and delivery errors are deleted by age.
    await db.query(`CREATE INDEX notifications_created_idx ON notifications (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notifications_created_idx`);
    await db.query(`DROP INDEX users_inactive_idx`);
    await db.query(`ALTER TABLE users DROP COLUMN inactivity_warned_at`);
    await db.query(`ALTER TABLE users DROP COLUMN last_active_at`);
  }
}
