import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEvent, OutboxWriter } from '@haven/core';
import { recordAccountToken } from './tokens/account-tokens';

/** Asks, in the caller's transaction, for a verification link to be e-mailed to an account. */
@Injectable()
export class VerificationMail {
  constructor(private readonly outbox: OutboxWriter) {}

  async request(manager: EntityManager, userId: string): Promise<void> {
    const tokenId = await recordAccountToken(manager, userId, 'verify_email');
    await this.outbox.write(manager, {
      type: OutboxEvent.AccountVerifyEmail,
      recipientIds: [userId],
      payload: { tokenId },
    });
  }
}
