import { Injectable } from '@nestjs/common';
import { AppConfig, TransactionService } from '@haven/core';
import { AccountTokenPurpose, contactsOf, mintAccountToken } from '@haven/identity';
import { EmailChannel } from './email.channel';
import { accountEmail } from './templates/account';
import { isLocale } from './templates/render';

/** A mail server's refusal quotes the address; what the job keeps must not. */
export class AccountMailFailed extends Error {
  constructor() {
    super('An account e-mail could not be sent; it is retried');
    this.name = 'AccountMailFailed';
  }
}

/**
 * Sends account e-mail (verification and reset links) from outbox rows. Unlike notifications these
 * always go out by e-mail, whatever the preferences, and never appear in the feed: the link is a
 * secret. It is made here, inside the transaction that sends, so only its hash is ever stored; a
 * failed send rolls the hash back and the job retries with a fresh link, and a link already mailed
 * is never mailed again by a repeated job.
 */
@Injectable()
export class AccountMailService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly email: EmailChannel,
    private readonly config: AppConfig,
  ) {}

  deliver(payload: Record<string, unknown>): Promise<{ recipients: number; emailed: number }> {
    const tokenId = String(payload.tokenId ?? '');
    return this.transactions.run(async (manager) => {
      const minted = await mintAccountToken(manager, tokenId);
      if (!minted) return { recipients: 0, emailed: 0 };
      // The account's own language, whoever asked (a reset is asked for by address, signed out).
      const user = (await contactsOf(manager, [minted.userId])).get(minted.userId);
      if (!user) return { recipients: 0, emailed: 0 };
      try {
        await this.email.send(
          { email: user.email, displayName: user.displayName },
          accountEmail(
            minted.purpose,
            this.config.appLink(PATHS[minted.purpose], minted.token),
            user.displayName,
            isLocale(user.locale) ? user.locale : 'en',
          ),
          tokenId,
        );
      } catch {
        throw new AccountMailFailed();
      }
      return { recipients: 1, emailed: 1 };
    });
  }
}

/** The web app's pages that read the token (APP_URL/verify-email, APP_URL/reset-password). */
const PATHS: Record<AccountTokenPurpose, string> = {
  verify_email: 'verify-email',
  password_reset: 'reset-password',
};
