import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A record's updated_at is never before its created_at. created_at defaults to clock_timestamp()
 * (distinct, ordered times for keyset pagination) while updated_at took now(), the transaction's
 * start, so a new record read as updated a few milliseconds before it was created; and TypeORM sets
 * updated_at to CURRENT_TIMESTAMP on every update, which inside the creating transaction is earlier
 * still. So: updated_at defaults to clock_timestamp() too, and a trigger keeps it at or after
 * created_at on every insert and update, whatever the writer sends.
 */
export class UpdatedNotBeforeCreated1764100000000 implements MigrationInterface {
  name = 'UpdatedNotBeforeCreated1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION updated_not_before_created() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.updated_at < NEW.created_at THEN NEW.updated_at := NEW.created_at; END IF;
        RETURN NEW;
      END $$`);
    for (const table of await this.tables(db)) {
      await db.query(`ALTER TABLE ${table} ALTER COLUMN updated_at SET DEFAULT clock_timestamp()`);
      await db.query(`UPDATE ${table} SET updated_at = created_at WHERE updated_at < created_at`);
      await db.query(
        `CREATE TRIGGER ${table}_updated_not_before_created BEFORE INSERT OR UPDATE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION updated_not_before_created()`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of await this.tables(db)) {
      await db.query(`DROP TRIGGER ${table}_updated_not_before_created ON ${table}`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN updated_at SET DEFAULT now()`);
    }
    await db.query('DROP FUNCTION updated_not_before_created()');
  }

  /** Every table of ours with both columns. */
  private async tables(db: QueryRunner): Promise<string[]> {
    const rows: { table_name: string }[] = await db.query(`
      SELECT table_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name IN ('created_at', 'updated_at')
       GROUP BY table_name HAVING count(*) = 2 ORDER BY table_name`);
    return rows.map((row) => row.table_name).filter((name) => /^[a-z_]+$/.test(name));
  }
}
