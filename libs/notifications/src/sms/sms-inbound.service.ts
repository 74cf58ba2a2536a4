import { Injectable, Logger } from '@nestjs/common';
import { TransactionService } from '@haven/core';
import { redactPhone, userIdsWithPhone } from '@haven/identity';
import { SmsChannel } from './sms.channel';
import { SmsInbound } from './sms-transport';

/**
 * Replies and receipts from the network. A STOP switches texts off for every account that holds
 * the number (a family may share one phone); a receipt is written on the delivery it belongs to.
 * The worker starts it; the API only writes outbox rows.
 */
@Injectable()
export class SmsInboundService implements SmsInbound {
  private readonly logger = new Logger('Sms');

  constructor(
    private readonly transactions: TransactionService,
    private readonly channel: SmsChannel,
  ) {}

  start(): void {
    this.channel.listen(this);
  }

  async stop(from: string): Promise<void> {
    const switchedOff = await this.transactions.run(async (manager) =>
      manager.query(
        `UPDATE notification_preferences SET sms = false WHERE sms AND user_id = ANY($1::uuid[]) RETURNING user_id`,
        [await userIdsWithPhone(manager, from)],
      ),
    );
    this.logger.log(
      { from: redactPhone(from), accounts: switchedOff[0]?.length ?? 0 },
      'STOP received: texts off',
    );
  }

  async receipt(providerId: string, state: string): Promise<void> {
    await this.transactions.run((manager) =>
      manager.query(
        `UPDATE notification_deliveries SET receipt = $2, receipt_at = now(), updated_at = now()
          WHERE channel = 'sms' AND $1 = ANY (string_to_array(provider_id, ' '))`,
        [providerId, state.slice(0, 20)],
      ),
    );
  }
}
