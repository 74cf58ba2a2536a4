import { Injectable } from '@nestjs/common';
import { InactiveAccountsService } from '@haven/identity';
import { NotificationRetentionService } from '@haven/notifications';

/**
 * The daily retention job, in one place: long-unused accounts are warned, then anonymised, and old
 * notifications and delivery errors deleted.
 */
@Injectable()
export class Retention {
  constructor(
    private readonly inactiveAccounts: InactiveAccountsService,
    private readonly notifications: NotificationRetentionService,
  ) {}

  async run() {
    return {
      warned: await this.inactiveAccounts.warn(),
      ...(await this.inactiveAccounts.anonymise()),
      deleted: await this.notifications.purge(),
    };
  }
}
