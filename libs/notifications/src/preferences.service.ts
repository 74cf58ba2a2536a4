import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, DomainError, TransactionService } from '@haven/core';
import { hasVerifiedPhone } from '@haven/identity';
import {
  DEFAULT_PREFERENCES,
  DigestFrequency,
  NotificationPreferencesEntity,
} from './entities/notification-preferences.entity';
import { QuietHours } from './sms/quiet-hours';

export interface Preferences {
  email: boolean;
  inApp: boolean;
  sms: boolean;
  digest: DigestFrequency;
  quietHours: QuietHours | null;
}

export const PreferenceErrors = {
  phoneUnverified: () =>
    new DomainError(
      'phone_unverified',
      409,
      'Texts need a verified phone: add one and enter the code it receives.',
    ),
};

const view = (found: Omit<NotificationPreferencesEntity, 'userId' | 'lastDigestAt'>): Preferences => ({
  email: found.email,
  inApp: found.inApp,
  sms: found.sms,
  digest: found.digest,
  quietHours: found.quietFrom && found.quietTo ? { from: found.quietFrom, to: found.quietTo } : null,
});

/** The stored preferences of many users, in one query; a user without a row has the defaults. */
export async function preferencesOf(
  manager: EntityManager,
  userIds: string[],
): Promise<Map<string, Omit<NotificationPreferencesEntity, 'lastDigestAt'>>> {
  if (userIds.length === 0) return new Map();
  const rows: {
    user_id: string;
    email: boolean;
    in_app: boolean;
    digest: DigestFrequency;
    sms: boolean;
    quiet_from: string | null;
    quiet_to: string | null;
  }[] = await manager.query(
    `SELECT user_id, email, in_app, digest, sms, quiet_from, quiet_to
       FROM notification_preferences WHERE user_id = ANY($1::uuid[])`,
    [userIds],
  );
  return new Map(
    rows.map((row) => [
      row.user_id,
      {
        userId: row.user_id,
        email: row.email,
        inApp: row.in_app,
        digest: row.digest,
        sms: row.sms,
        quietFrom: row.quiet_from,
        quietTo: row.quiet_to,
      },
    ]),
  );
}

@Injectable()
export class PreferencesService {
  constructor(private readonly transactions: TransactionService) {}

  get(actor: Actor): Promise<Preferences> {
    return this.transactions.run(async (manager) =>
      view(
        (await manager.findOneBy(NotificationPreferencesEntity, { userId: actor.id })) ?? DEFAULT_PREFERENCES,
      ),
    );
  }

  /** `sms` and `quietHours` may be left out: they then keep their value. */
  put(
    actor: Actor,
    preferences: Omit<Preferences, 'sms' | 'quietHours'> & Partial<Pick<Preferences, 'sms' | 'quietHours'>>,
  ): Promise<Preferences> {
    return this.transactions.run(async (manager) => {
      const current =
        (await manager.findOneBy(NotificationPreferencesEntity, { userId: actor.id })) ?? DEFAULT_PREFERENCES;
      const sms = preferences.sms ?? current.sms;
      if (sms && !current.sms) {
        if (!(await hasVerifiedPhone(manager, actor.id, { lock: true })))
          throw PreferenceErrors.phoneUnverified();
      }
      const quiet =
        preferences.quietHours === undefined
          ? { quietFrom: current.quietFrom, quietTo: current.quietTo }
          : { quietFrom: preferences.quietHours?.from ?? null, quietTo: preferences.quietHours?.to ?? null };
      const row = {
        userId: actor.id,
        email: preferences.email,
        inApp: preferences.inApp,
        digest: preferences.digest,
        sms,
        ...quiet,
      };
      await manager.upsert(NotificationPreferencesEntity, row, ['userId']);
      return view(row);
    });
  }
}
