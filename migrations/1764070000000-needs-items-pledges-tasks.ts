import { MigrationInterface, QueryRunner } from 'typeorm';

export class NeedsItemsPledgesTasks1764070000000 implements MigrationInterface {
  name = 'NeedsItemsPledgesTasks1764070000000';

  async up(db: QueryRunner): Promise<void> {
    // Beneficiaries exist only as an aggregate count and an age group: there is no column for a person.
    await db.query(`
      CREATE TABLE needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        camp_id uuid NOT NULL REFERENCES camps (id),
        category text NOT NULL
          CHECK (category IN ('education', 'mentorship', 'supplies', 'health', 'psychosocial', 'livelihoods', 'other')),
        title text NOT NULL,
        description text NOT NULL,
        urgency text NOT NULL CHECK (urgency IN ('low', 'medium', 'high', 'critical')),
        urgency_rank smallint GENERATED ALWAYS AS (
          CASE urgency WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END
        ) STORED,
        beneficiary_count integer CHECK (beneficiary_count BETWEEN 1 AND 100000),
        beneficiary_age_group text CHECK (beneficiary_age_group IN ('children', 'youth', 'adults', 'mixed')),
        starts_on date,
        ends_on date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed', 'cancelled')),
        status_reason text,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('english', title || ' ' || description)
        ) STORED,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((beneficiary_count IS NULL) = (beneficiary_age_group IS NULL)),
        CHECK (ends_on >= starts_on)
      )`);
    // The list's two orders (newest, most urgent) within a status, and its filters.
    await db.query(`CREATE INDEX needs_status_created_idx ON needs (status, created_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX needs_status_urgency_idx ON needs (status, urgency_rank DESC, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX needs_camp_idx ON needs (camp_id, status, created_at DESC)`);
    await db.query(`CREATE INDEX needs_organization_idx ON needs (organization_id, status, created_at DESC)`);
    await db.query(`CREATE INDEX needs_search_idx ON needs USING gin (search)`);

    // pledged and delivered are running sums kept by the conditional UPDATEs that change them; the
    // CHECKs make over-pledging impossible even for a code path that forgets the rule.
    await db.query(`
      CREATE TABLE need_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
        name text NOT NULL,
        unit text NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
        pledged integer NOT NULL DEFAULT 0,
        delivered integer NOT NULL DEFAULT 0,
        position smallint NOT NULL,
        CHECK (pledged BETWEEN 0 AND quantity),
        CHECK (delivered BETWEEN 0 AND pledged)
      )`);
    await db.query(`CREATE INDEX need_items_need_idx ON need_items (need_id, position)`);

    await db.query(`
      CREATE TABLE pledges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES need_items (id) ON DELETE RESTRICT,
        need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
        volunteer_id uuid REFERENCES users (id) ON DELETE SET NULL,
        quantity integer NOT NULL CHECK (quantity >= 1),
        status text NOT NULL DEFAULT 'pledged' CHECK (status IN ('pledged', 'delivered', 'cancelled')),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX pledges_item_idx ON pledges (item_id, status)`);
    await db.query(`CREATE INDEX pledges_need_idx ON pledges (need_id, status)`);
    await db.query(`CREATE INDEX pledges_volunteer_idx ON pledges (volunteer_id, created_at DESC)`);

    // Camp, category and organisation are copied from the need (and kept in step when it changes) so
    // the public task list filters and orders from one table's indexes.
    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        camp_id uuid NOT NULL REFERENCES camps (id),
        category text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3) NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
        confirmed integer NOT NULL DEFAULT 0,
        waitlisted integer NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
        skills text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        remote boolean NOT NULL DEFAULT false,
        signup_mode text NOT NULL CHECK (signup_mode IN ('open', 'review')),
        requires_safeguarding boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
        status_reason text,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (confirmed BETWEEN 0 AND capacity),
        CHECK (NOT requires_safeguarding OR signup_mode = 'review')
      )`);
    await db.query(`CREATE INDEX tasks_upcoming_idx ON tasks (starts_at, id) WHERE status = 'open'`);
    await db.query(`CREATE INDEX tasks_camp_idx ON tasks (camp_id, starts_at, id) WHERE status = 'open'`);
    await db.query(
      `CREATE INDEX tasks_category_idx ON tasks (category, starts_at, id) WHERE status = 'open'`,
    );
    await db.query(`CREATE INDEX tasks_skills_idx ON tasks USING gin (skills) WHERE status = 'open'`);
    await db.query(`CREATE INDEX tasks_languages_idx ON tasks USING gin (languages) WHERE status = 'open'`);
    await db.query(`CREATE INDEX tasks_need_idx ON tasks (need_id, starts_at)`);
    await db.query(`CREATE INDEX tasks_organization_idx ON tasks (organization_id, starts_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE tasks`);
    await db.query(`DROP TABLE pledges`);
    await db.query(`DROP TABLE need_items`);
    await db.query(`DROP TABLE needs`);
  }
}
