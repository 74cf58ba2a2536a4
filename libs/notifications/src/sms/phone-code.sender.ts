import { Injectable } from '@nestjs/common';
import { AppConfig, TransactionService } from '@haven/core';
import { armPhoneChallenge, newPhoneCode, phoneCodeHash } from '@haven/identity';
import { isLocale, renderPhoneCode } from '../templates/render';
import { SmsChannel } from './sms.channel';

export class PhoneCodeFailed extends Error {
  constructor() {
    super('A phone verification code could not be sent; it is retried');
    this.name = 'PhoneCodeFailed';
  }
}

/**
 * Sends the code a volunteer asked for. The code is made here, inside the transaction that sends
 * it, so only its keyed hash is ever stored; a failed send rolls the hash back and the job retries
 * with a fresh code, and a challenge already answered by a sent code is never sent again.
 */
@Injectable()
export class PhoneCodeSender {
  constructor(
    private readonly transactions: TransactionService,
    private readonly sms: SmsChannel,
    private readonly config: AppConfig,
  ) {}

  deliver(payload: Record<string, unknown>): Promise<{ recipients: number; emailed: number }> {
    const challengeId = String(payload.challengeId ?? '');
    return this.transactions.run(async (manager) => {
      const code = newPhoneCode();
      const phone = await armPhoneChallenge(
        manager,
        challengeId,
        phoneCodeHash(this.config.jwtSecret, challengeId, code),
      );
      if (!phone) return { recipients: 0, emailed: 0 };
      try {
        await this.sms.send({
          to: phone.number,
          text: renderPhoneCode(code, isLocale(phone.locale) ? phone.locale : 'en'),
          id: challengeId,
        });
      } catch {
        throw new PhoneCodeFailed();
      }
      return { recipients: 1, emailed: 0 };
    });
  }
}
