import { Injectable } from '@nestjs/common';
import { Actor, TransactionService } from '@haven/core';
import {
  DEFAULT_PREFERENCES,
  DigestFrequency,
  NotificationPreferencesEntity,
} from './entities/notification-preferences.entity';

export interface Preferences {
  email: boolean;
  inApp: boolean;
  digest: DigestFrequency;
}

@Injectable()
export class PreferencesService {
  constructor(private readonly transactions: TransactionService) {}

  get(actor: Actor): Promise<Preferences> {
    return this.transactions.run(async (manager) => {
      const found = await manager.findOneBy(NotificationPreferencesEntity, { userId: actor.id });
      return found
        ? { email: found.email, inApp: found.inApp, digest: found.digest }
        : { ...DEFAULT_PREFERENCES };
    });
  }

  put(actor: Actor, preferences: Preferences): Promise<Preferences> {
    return this.transactions.run(async (manager) => {
      await manager.upsert(
        NotificationPreferencesEntity,
        { userId: actor.id, email: preferences.email, inApp: preferences.inApp, digest: preferences.digest },
        ['userId'],
      );
      return { email: preferences.email, inApp: preferences.inApp, digest: preferences.digest };
    });
  }
}
