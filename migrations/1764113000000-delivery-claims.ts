import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery is claimed for a short time before its message is sent, outside any transaction: a
 * second run of the same job (a stalled job handed back) skips what is claimed or sent, and a
 * claim left by a worker that died runs out, so the message is sent then, not lost.
 */
export class DeliveryClaims1764113000000 implements MigrationInterface {
  name = 'DeliveryClaims1764113000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notification_deliveries ADD COLUMN claimed_until timestamptz(3)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notification_deliveries DROP COLUMN claimed_until`);
  }
}
