import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitationsClearanceRevocation1764105000000 implements MigrationInterface {
  name = 'InvitationsClearanceRevocation1764105000000';

  async up(db: QueryRunner): Promise<void> {
    // Membership by consent: an owner invites, the invitee accepts or declines. Answered and
    // expired invitations stay, so who invited whom remains traceable.
    await db.query(`
      CREATE TABLE organization_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        invitee_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        expires_at timestamptz(3) NOT NULL,
        answered_at timestamptz(3),
        CHECK (expires_at > created_at)
      )`);
    // One open invitation per organisation and person: inviting again sends nothing new.
    await db.query(`
      CREATE UNIQUE INDEX organization_invitations_pending_key
        ON organization_invitations (organization_id, invitee_id) WHERE status = 'pending'`);
    await db.query(`
      CREATE INDEX organization_invitations_invitee_idx
        ON organization_invitations (invitee_id, created_at DESC, id DESC) WHERE status = 'pending'`);

    // A revoked clearance is kept (who revoked it, when and why); it no longer clears anyone.
    await db.query(`
      ALTER TABLE safeguarding_clearances
        ADD COLUMN revoked_at timestamptz(3),
        ADD COLUMN revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN revocation_reason text,
        ADD COLUMN expiry_warned_at timestamptz(3),
        ADD CONSTRAINT safeguarding_clearances_revocation_check
          CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))`);
    // The daily expiry warning looks only at live clearances not yet warned about.
    await db.query(`
      CREATE INDEX safeguarding_clearances_expiry_idx ON safeguarding_clearances (valid_until)
        WHERE revoked_at IS NULL AND expiry_warned_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX safeguarding_clearances_expiry_idx`);
    await db.query(`
      ALTER TABLE safeguarding_clearances
        DROP CONSTRAINT safeguarding_clearances_revocation_check,
        DROP COLUMN expiry_warned_at,
        DROP COLUMN revocation_reason,
        DROP COLUMN revoked_by,
        DROP COLUMN revoked_at`);
    await db.query(`DROP TABLE organization_invitations`);
  }
}
