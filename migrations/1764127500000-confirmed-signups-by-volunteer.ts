import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A volunteer's confirmed sign-ups, for the overlap check every sign-up, approval and recommendation
 * runs (`confirmedOverlapSql`). Without it the planner may read that from `signups_live_key`, whose
 * leading column is the task: a scan of every live sign-up for each check, which grew the storm's
 * cost with every sign-up already written until statistics caught up. Only confirmed rows are in
 * it, a few per volunteer, so it costs the waitlist nothing.
 */
export class ConfirmedSignupsByVolunteer1764127500000 implements MigrationInterface {
  name = 'ConfirmedSignupsByVolunteer1764127500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX signups_confirmed_volunteer_idx ON signups (volunteer_id) WHERE status = 'confirmed'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX signups_confirmed_volunteer_idx`);
  }
}
