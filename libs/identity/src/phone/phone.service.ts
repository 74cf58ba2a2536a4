import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import {
  Actor,
  AppConfig,
  CommonErrors,
  DomainError,
  OutboxEvent,
  OutboxWriter,
  TransactionService,
} from '@haven/core';
import { PHONE_CODE_TRIES, phoneCodeHash, samePhoneCodeHash } from './phone-code';
import { PhoneLimiter } from './phone-limiter';
import { PHONE_TEXTS, PhoneTexts } from './phone-texts';

export interface PhoneView {
  number: string;
  verified: boolean;
}

export const PhoneErrors = {
  invalidNumber: () =>
    CommonErrors.validation([
      { field: 'phone', message: 'must be a mobile number in international form, such as +9647501234567' },
    ]),
  invalidCode: () =>
    new DomainError('invalid_code', 400, 'The code is wrong, used up or expired; ask for a new one.', [
      { field: 'code', message: 'is wrong, used up or expired' },
    ]),
  smsOff: () => new DomainError('sms_unavailable', 409, 'This Haven does not send text messages.'),
};

/** E.164 from what a person typed, or null when it is no number a text can reach. */
export function parsePhone(input: string): string | null {
  if (!/^\+[0-9 ()-]{7,24}$/.test(input.trim())) return null;
  const parsed = parsePhoneNumberFromString(input.trim());
  if (!parsed || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.number;
}

/**
 * A volunteer's phone: set (a code goes out by SMS from the outbox), verified with the code,
 * removed. The number is shown to its owner only; the code exists in the clear only in the worker
 * that sends it.
 */
@Injectable()
export class PhoneService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly outbox: OutboxWriter,
    private readonly limiter: PhoneLimiter,
    private readonly config: AppConfig,
    @Inject(PHONE_TEXTS) private readonly texts: PhoneTexts,
  ) {}

  async view(userId: string): Promise<PhoneView | null> {
    const [row] = await this.transactions.run((manager) =>
      manager.query('SELECT number, verified_at FROM user_phones WHERE user_id = $1', [userId]),
    );
    return row ? { number: row.number, verified: row.verified_at !== null } : null;
  }

  async set(actor: Actor, input: string): Promise<void> {
    if (this.config.SMS_URL === 'off') throw PhoneErrors.smsOff();
    const number = parsePhone(input);
    if (!number) throw PhoneErrors.invalidNumber();
    await this.limiter.codeRequested(actor.id, number);
    await this.transactions.run(async (manager) => {
      const challengeId = randomUUID();
      const [before] = await manager.query('SELECT number FROM user_phones WHERE user_id = $1 FOR UPDATE', [
        actor.id,
      ]);
      const changed = !before || before.number !== number;
      await manager.query(
        `INSERT INTO user_phones (user_id, number, challenge_id) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET
           number = EXCLUDED.number, challenge_id = EXCLUDED.challenge_id, code_hash = NULL,
           code_expires_at = NULL, code_tries = 0, updated_at = clock_timestamp(),
           verified_at = CASE WHEN user_phones.number = EXCLUDED.number THEN user_phones.verified_at END`,
        [actor.id, number, challengeId],
      );
      // A new number is unverified: texts stop until it is.
      if (changed) await this.texts.stop(manager, actor.id);
      await this.outbox.write(manager, {
        type: OutboxEvent.AccountPhoneCode,
        recipientIds: [actor.id],
        payload: { challengeId },
      });
    });
  }

  async verify(actor: Actor, code: string): Promise<void> {
    const outcome = await this.transactions.run(async (manager) => {
      const [row] = await manager.query(
        `SELECT challenge_id, code_hash, code_tries, code_expires_at > now() AS live
           FROM user_phones WHERE user_id = $1 FOR UPDATE`,
        [actor.id],
      );
      if (!row?.code_hash || !row.live || row.code_tries >= PHONE_CODE_TRIES) return false;
      if (samePhoneCodeHash(row.code_hash, phoneCodeHash(this.config.jwtSecret, row.challenge_id, code))) {
        await manager.query(
          `UPDATE user_phones SET verified_at = clock_timestamp(), code_hash = NULL, code_expires_at = NULL,
                  challenge_id = NULL, updated_at = clock_timestamp() WHERE user_id = $1`,
          [actor.id],
        );
        return true;
      }
      // The wrong try is counted (committed) before the answer goes out.
      await manager.query('UPDATE user_phones SET code_tries = code_tries + 1 WHERE user_id = $1', [
        actor.id,
      ]);
      return false;
    });
    if (!outcome) throw PhoneErrors.invalidCode();
  }

  async remove(actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.query('DELETE FROM user_phones WHERE user_id = $1', [actor.id]);
      await this.texts.stop(manager, actor.id);
    });
  }
}
