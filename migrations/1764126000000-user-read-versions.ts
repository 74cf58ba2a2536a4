import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per user of what their own answers are made of (issue 14): `user:<id>`, bumped when
 * their volunteer profile or any of their sign-ups changes, so that recommendations — ranked by the
 * profile, leaving out tasks they hold or overlap — can be cached per caller and still be exact
 * (see migration 1764120000000 for the versions and their reader). Once per statement and user:
 * a sign-up statement bumps its volunteer's version once.
 */
export class UserReadVersions1764126000000 implements MigrationInterface {
  name = 'UserReadVersions1764126000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, column] of [
      ['signups', 'volunteer_id'],
      ['volunteer_profiles', 'user_id'],
    ] as const) {
      await db.query(`
        CREATE FUNCTION ${table}_user_read_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM bump_read_version('user:' || ${column}) FROM (SELECT DISTINCT ${column} FROM changed) AS users;
          RETURN NULL;
        END $$`);
      for (const [event, transition] of [
        ['INSERT', 'NEW'],
        ['UPDATE', 'NEW'],
        ['DELETE', 'OLD'],
      ] as const) {
        await db.query(`
          CREATE TRIGGER ${table}_${event.toLowerCase()}_user_read_version AFTER ${event} ON ${table}
            REFERENCING ${transition} TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION ${table}_user_read_version()`);
      }
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['signups', 'volunteer_profiles']) {
      for (const event of ['insert', 'update', 'delete']) {
        await db.query(`DROP TRIGGER ${table}_${event}_user_read_version ON ${table}`);
      }
      await db.query(`DROP FUNCTION ${table}_user_read_version()`);
    }
  }
}
