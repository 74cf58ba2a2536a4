import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version numbers of what the hot browse answers are made of (issue 14): the API caches a serialised
 * page beside the versions it was read under and serves it only while they are unchanged. The
 * versions are bumped by triggers, so every change — from the API, the worker, the CLI or psql —
 * bumps them in its own transaction and nothing can forget to. The triggers are deferred to commit
 * so that the version rows stay locked only for the commit, not for the whole transaction; inserts
 * bump once per statement (a new task has no page cached yet, only the lists it joins).
 *
 * Keys: `tasks` (any task list), `camp:<id>` (task lists of one camp), `task:<id>` (one task's
 * page), `needs` (need lists), `all` (organisation and camp names and statuses, on every answer).
 */
export class ReadVersions1764120000000 implements MigrationInterface {
  name = 'ReadVersions1764120000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE read_versions (key text PRIMARY KEY, version bigint NOT NULL, bumped_by xid8 NOT NULL)`,
    );
    // Once per key and transaction: a transaction changing 100,000 tasks must not leave 100,000
    // versions of the `tasks` row behind, and one bump is all a reader needs to see.
    await db.query(`
      CREATE FUNCTION bump_read_version(k text) RETURNS void LANGUAGE sql AS $$
        INSERT INTO read_versions (key, version, bumped_by) VALUES (k, 1, pg_current_xact_id())
        ON CONFLICT (key) DO UPDATE SET version = read_versions.version + 1, bumped_by = EXCLUDED.bumped_by
        WHERE read_versions.bumped_by <> EXCLUDED.bumped_by
      $$`);
    await db.query(`
      CREATE FUNCTION tasks_read_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE row_ tasks%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      BEGIN
        PERFORM bump_read_version('tasks');
        PERFORM bump_read_version('camp:' || row_.camp_id);
        IF TG_OP = 'UPDATE' AND OLD.camp_id <> NEW.camp_id THEN
          PERFORM bump_read_version('camp:' || OLD.camp_id);
        END IF;
        PERFORM bump_read_version('task:' || row_.id);
        -- A need shows how many open tasks it has.
        IF TG_OP = 'DELETE' OR OLD.status <> NEW.status OR OLD.need_id <> NEW.need_id THEN
          PERFORM bump_read_version('needs');
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION bump_read_version_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_read_version(TG_ARGV[0]);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER tasks_read_version AFTER UPDATE OR DELETE ON tasks
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tasks_read_version()`);
    for (const table of ['needs', 'need_items']) {
      await db.query(`
        CREATE CONSTRAINT TRIGGER ${table}_read_version AFTER UPDATE OR DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version_trigger('needs')`);
    }
    // Inserts once per statement, not per row: seeding 100,000 tasks must not run 300,000 bumps.
    await db.query(`
      CREATE FUNCTION tasks_inserted_read_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_read_version('tasks');
        PERFORM bump_read_version('needs');
        PERFORM bump_read_version('camp:' || camp_id) FROM (SELECT DISTINCT camp_id FROM new_rows) AS camps;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tasks_inserted_read_version AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tasks_inserted_read_version()`);
    for (const table of ['needs', 'need_items']) {
      await db.query(`
        CREATE TRIGGER ${table}_inserted_read_version AFTER INSERT ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_read_version_trigger('needs')`);
    }
    // What the answers show of organisations and camps: names, an organisation's status (it decides
    // who sees its needs and tasks) and a camp's time zone. A new one has nothing shown yet.
    for (const [table, shown] of [
      ['organizations', ['name', 'status']],
      ['camps', ['name', 'timezone']],
    ] as const) {
      const changed = shown.map((column) => `OLD.${column} IS DISTINCT FROM NEW.${column}`).join(' OR ');
      await db.query(`
        CREATE CONSTRAINT TRIGGER ${table}_read_version AFTER UPDATE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${changed})
          EXECUTE FUNCTION bump_read_version_trigger('all')`);
      await db.query(`
        CREATE CONSTRAINT TRIGGER ${table}_deleted_read_version AFTER DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version_trigger('all')`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'needs', 'need_items', 'organizations', 'camps']) {
      await db.query(`DROP TRIGGER ${table}_read_version ON ${table}`);
    }
    for (const table of ['organizations', 'camps']) {
      await db.query(`DROP TRIGGER ${table}_deleted_read_version ON ${table}`);
    }
    for (const table of ['tasks', 'needs', 'need_items']) {
      await db.query(`DROP TRIGGER ${table}_inserted_read_version ON ${table}`);
    }
    await db.query(`DROP FUNCTION tasks_inserted_read_version()`);
    await db.query(`DROP FUNCTION bump_read_version_trigger()`);
    await db.query(`DROP FUNCTION tasks_read_version()`);
    await db.query(`DROP FUNCTION bump_read_version(text)`);
    await db.query(`DROP TABLE read_versions`);
  }
}
