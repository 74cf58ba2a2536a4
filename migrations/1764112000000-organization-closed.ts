import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationClosed1764112000000 implements MigrationInterface {
  name = 'OrganizationClosed1764112000000';

  async up(db: QueryRunner): Promise<void> {
    // An organisation whose only member deleted their account is closed: it stays for the
    // aggregates and the audit log, and nothing moves it again.
    await db.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_status_check`);
    await db.query(
      `ALTER TABLE organizations ADD CONSTRAINT organizations_status_check
         CHECK (status IN ('pending', 'approved', 'rejected', 'suspended', 'closed'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE organizations SET status = 'rejected' WHERE status = 'closed'`);
    await db.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_status_check`);
    await db.query(
      `ALTER TABLE organizations ADD CONSTRAINT organizations_status_check
         CHECK (status IN ('pending', 'approved', 'rejected', 'suspended'))`,
    );
  }
}
