import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationsCampsAuditOutbox1764060000000 implements MigrationInterface {
  name = 'OrganizationsCampsAuditOutbox1764060000000';

  async up(db: QueryRunner): Promise<void> {
    // Why an admin last suspended or reinstated an account.
    await db.query(`ALTER TABLE users ADD COLUMN status_reason text`);
    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        country char(2) NOT NULL,
        registration_number text NOT NULL,
        contact_email text NOT NULL,
        description text NOT NULL,
        focus_areas text[] NOT NULL,
        website text,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
        review_by date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX organizations_status_created_idx ON organizations (status, created_at, id)`);
    await db.query(
      `CREATE INDEX organizations_name_idx ON organizations (name, id) WHERE status = 'approved'`,
    );
    await db.query(
      `CREATE INDEX organizations_review_by_idx ON organizations (review_by) WHERE status = 'approved'`,
    );

    // A user belongs to at most one organisation: the primary key is the user.
    await db.query(`
      CREATE TABLE organization_members (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        member_role text NOT NULL CHECK (member_role IN ('owner', 'coordinator')),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX organization_members_org_idx ON organization_members (organization_id)`);

    // Who decided what about an organisation, when and why (the reason stays here, not in the audit log).
    await db.query(`
      CREATE TABLE organization_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        decision text NOT NULL CHECK (decision IN ('approve', 'reject', 'suspend', 'reinstate')),
        reason text,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX organization_decisions_org_idx ON organization_decisions (organization_id, created_at)`,
    );

    await db.query(`
      CREATE TABLE camps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        country char(2) NOT NULL,
        region text NOT NULL,
        timezone text NOT NULL,
        latitude numeric(5, 2) CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(5, 2) CHECK (longitude BETWEEN -180 AND 180),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX camps_name_country_key ON camps (lower(name), country)`);

    await db.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id uuid NOT NULL,
        summary text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_log_action_idx ON audit_log (action, created_at DESC, id DESC)`);
    // Append-only, enforced by the database: no code path, ours or a future one, can rewrite history.
    await db.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    // The transactional outbox: written in the same transaction as the state change it announces.
    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_type text NOT NULL,
        recipient_ids uuid[] NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        relayed_at timestamptz(3)
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (created_at, id) WHERE relayed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP FUNCTION audit_log_append_only`);
    await db.query(`DROP TABLE camps`);
    await db.query(`DROP TABLE organization_decisions`);
    await db.query(`DROP TABLE organization_members`);
    await db.query(`DROP TABLE organizations`);
    await db.query(`ALTER TABLE users DROP COLUMN status_reason`);
  }
}
