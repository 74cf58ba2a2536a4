import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account erasure moves into code, one place per context (AccountDeletionService for identity,
 * eraseVolunteer for volunteering): the triggers that deleted the phone, the volunteer profile and
 * the calendar link when `deleted_at` was set go. Notifications' trigger (users_forget_notifications)
 * stays for now, named in AccountDeletionService and covered by test/account-erasure.e2e-spec.ts.
 */
export class ErasureInCode1764121000000 implements MigrationInterface {
  name = 'ErasureInCode1764121000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER users_forget_volunteer ON users`);
    await db.query(`DROP FUNCTION forget_volunteer`);
    await db.query(`DROP TRIGGER users_forget_phone ON users`);
    await db.query(`DROP FUNCTION forget_phone`);
  }

  async down(db: QueryRunner): Promise<void> {
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
    await db.query(`
      CREATE FUNCTION forget_volunteer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM volunteer_profiles WHERE user_id = NEW.id;
        DELETE FROM calendar_tokens WHERE user_id = NEW.id;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER users_forget_volunteer AFTER UPDATE OF deleted_at ON users
      FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
      EXECUTE FUNCTION forget_volunteer()`);
  }
}
