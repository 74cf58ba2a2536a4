import { MigrationInterface, QueryRunner } from 'typeorm';

export class Volunteering1764080000000 implements MigrationInterface {
  name = 'Volunteering1764080000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE volunteer_profiles (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        skills text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        availability jsonb NOT NULL DEFAULT '[]',
        remote boolean NOT NULL DEFAULT false,
        camp_ids uuid[] NOT NULL DEFAULT '{}',
        bio text,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    // seq is taken while the task row is locked, so it is the order in which sign-ups commit: the
    // waitlist order.
    await db.query(`
      CREATE TABLE signups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        volunteer_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN
          ('pending', 'confirmed', 'waitlisted', 'declined', 'withdrawn', 'attended', 'no_show')),
        hours numeric(4, 2) CHECK (hours > 0 AND hours <= 24),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (hours IS NULL OR status = 'attended')
      )`);
    // At most one live sign-up per volunteer and task, whatever the code above it does.
    await db.query(`
      CREATE UNIQUE INDEX signups_live_key ON signups (task_id, volunteer_id)
        WHERE status IN ('pending', 'confirmed', 'waitlisted')`);
    await db.query(`CREATE INDEX signups_task_idx ON signups (task_id, status, seq)`);
    await db.query(`CREATE INDEX signups_volunteer_idx ON signups (volunteer_id, created_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE safeguarding_clearances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        volunteer_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        valid_until date NOT NULL,
        recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(
      `CREATE INDEX safeguarding_clearances_lookup_idx ON safeguarding_clearances (organization_id, volunteer_id, valid_until)`,
    );

    // A personal calendar feed's secret, stored hashed; one per user, revocable.
    await db.query(`
      CREATE TABLE calendar_tokens (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    // Remote tasks, for recommendations to volunteers who work remotely.
    await db.query(`CREATE INDEX tasks_remote_idx ON tasks (starts_at) WHERE status = 'open' AND remote`);

    // Deleting an account anonymises the user row; what the volunteer wrote about themselves and
    // their calendar secret go with it, in the same transaction, whichever code path deletes.
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

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER users_forget_volunteer ON users`);
    await db.query(`DROP FUNCTION forget_volunteer`);
    await db.query(`DROP INDEX tasks_remote_idx`);
    await db.query(`DROP TABLE calendar_tokens`);
    await db.query(`DROP TABLE safeguarding_clearances`);
    await db.query(`DROP TABLE signups`);
    await db.query(`DROP TABLE volunteer_profiles`);
  }
}
