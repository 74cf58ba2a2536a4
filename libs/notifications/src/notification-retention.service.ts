import { Injectable } from '@nestjs/common';
import { AppConfig, TransactionService } from '@haven/core';

/**
 * Retention of messages (DESIGN.md, Privacy): notifications — their bodies — and the errors their
 * deliveries met are deleted NOTIFICATION_RETENTION_DAYS after they were written. The outbox rows
 * they came from keep ids only.
 */
@Injectable()
export class NotificationRetentionService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
  ) {}

  purge(): Promise<{ notifications: number; deliveryErrors: number }> {
    const days = this.config.NOTIFICATION_RETENTION_DAYS;
    return this.transactions.run(async (manager) => {
      // Errors first: a delivery row goes with its notification (ON DELETE CASCADE).
      const [, deliveryErrors]: [unknown, number] = await manager.query(
        `UPDATE notification_deliveries SET last_error = NULL
          WHERE last_error IS NOT NULL AND updated_at < clock_timestamp() - make_interval(days => $1)`,
        [days],
      );
      const [, notifications]: [unknown, number] = await manager.query(
        `DELETE FROM notifications WHERE created_at < clock_timestamp() - make_interval(days => $1)`,
        [days],
      );
      return { notifications, deliveryErrors };
    });
  }
}
