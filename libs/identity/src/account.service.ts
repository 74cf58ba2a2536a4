import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Actor, OutboxEvent, OutboxWriter, safeError, TransactionService } from '@haven/core';
import { AccountStateCache } from './account-state-cache';
import { AccountMailLimiter } from './account-mail-limiter';
import { Locale, UserEntity } from './entities/user.entity';
import { IdentityErrors } from './identity.errors';
import { PasswordHasher } from './password/password-hasher';
import { PasswordProof } from './password/password-proof';
import { ACCOUNT_TOKEN_SECONDS, consumeAccountToken } from './tokens/account-tokens';
import { RefreshTokenService } from './tokens/refresh-token.service';
import { normaliseEmail } from './users.service';
import { VerificationMail } from './verification-mail';

export interface ProfileChange {
  displayName?: string;
  locale?: Locale;
}

/**
 * What a person does to keep their account: verify the e-mail, change or reset the password, and
 * change the name and language. Links are e-mailed by the worker from outbox rows; the tokens are
 * stored only as hashes and work once.
 */
@Injectable()
export class AccountService implements OnApplicationShutdown {
  private readonly logger = new Logger('AccountService');
  /** Password-reset links being recorded after their answer went out. */
  private readonly recording = new Set<Promise<void>>();

  constructor(
    private readonly transactions: TransactionService,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokenService,
    private readonly verificationMail: VerificationMail,
    private readonly passwords: PasswordProof,
    private readonly mailLimiter: AccountMailLimiter,
    private readonly accountStates: AccountStateCache,
    private readonly outbox: OutboxWriter,
  ) {}

  async verifyEmail(token: string): Promise<void> {
    const userId = await this.transactions.run(async (manager) => {
      const userId = await consumeAccountToken(manager, token, 'verify_email');
      if (!userId) throw IdentityErrors.invalidToken();
      await manager.query(
        `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1`,
        [userId],
      );
      return userId;
    });
    await this.accountStates.changed(userId);
  }

  /** A new verification link; nothing is sent when the address is verified already. */
  async resendVerification(actor: Actor): Promise<void> {
    await this.mailLimiter.verificationResend(actor.id);
    await this.transactions.run(async (manager) => {
      const [user] = await manager.query(
        `SELECT 1 FROM users WHERE id = $1 AND email_verified_at IS NULL AND deleted_at IS NULL FOR UPDATE`,
        [actor.id],
      );
      if (user) await this.verificationMail.request(manager, actor.id);
    });
  }

  /**
   * Answers the same, in the same time, whatever the address: once the limits have passed, the
   * answer goes out before the address is looked up. Recording a link for an active account (a
   * row, an outbox row, a write-ahead-log flush) took measurably longer than finding none, which
   * told whether an address has an account. The link is recorded right after; should that fail,
   * it is logged and the person asks again.
   */
  async requestPasswordReset(email: string, address: string): Promise<void> {
    await this.mailLimiter.passwordReset(email, address);
    const recording = this.recordPasswordReset(email)
      .catch((error: unknown) =>
        this.logger.error({ error: safeError(error) }, 'A password-reset link was not recorded'),
      )
      .finally(() => this.recording.delete(recording));
    this.recording.add(recording);
  }

  /** Settles once the password-reset links asked for so far are recorded (or failed). */
  async recorded(): Promise<void> {
    await Promise.allSettled([...this.recording]);
  }

  /** A stopping API loses no link being recorded. */
  onApplicationShutdown(): Promise<void> {
    return this.recorded();
  }

  /**
   * Every request runs the same statements, which record a link only when an active account holds
   * the address; the link's outbox row then goes through the typed writer in the same transaction.
   * Requests for one address take turns (a transaction lock on it), so that each sees the link
   * before it and replaces it: only the newest link works, however close together they came.
   */
  private async recordPasswordReset(email: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      // Class 4243: password-reset requests by address (4242: volunteers' sign-ups).
      await manager.query(`SELECT pg_advisory_xact_lock(4243, hashtext($1))`, [normaliseEmail(email)]);
      const tokens: { id: string; user_id: string }[] = await manager.query(
        `WITH target AS (
           SELECT id FROM users WHERE lower(email) = $1 AND deleted_at IS NULL AND status = 'active'
         ), superseded AS (
           UPDATE account_tokens SET used_at = now()
            WHERE purpose = 'password_reset' AND used_at IS NULL AND user_id IN (SELECT id FROM target)
         )
         INSERT INTO account_tokens (user_id, purpose, expires_at)
         SELECT id, 'password_reset', now() + make_interval(secs => $2) FROM target
         RETURNING id, user_id`,
        [normaliseEmail(email), ACCOUNT_TOKEN_SECONDS.password_reset],
      );
      for (const token of tokens) {
        await this.outbox.write(manager, {
          type: OutboxEvent.AccountPasswordReset,
          recipientIds: [token.user_id],
          payload: { tokenId: token.id },
        });
      }
    });
  }

  /**
   * Sets a new password from a reset link. Every session ends, and the address counts as verified:
   * the person has just read mail sent to it.
   */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    const userId = await this.transactions.run(async (manager) => {
      const userId = await consumeAccountToken(manager, token, 'password_reset');
      if (!userId) throw IdentityErrors.invalidToken();
      await manager.query(
        `UPDATE users SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
          WHERE id = $1 AND deleted_at IS NULL`,
        [userId, passwordHash],
      );
      await this.refreshTokens.revokeAllForUser(userId, manager);
      return userId;
    });
    // The address now counts as verified.
    await this.accountStates.changed(userId);
  }

  /** Wrong current passwords are limited like logins; every session but the caller's ends. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, address: string) {
    await this.passwords.prove(actor, currentPassword, address, 'currentPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.transactions.run(async (manager) => {
      await manager.update(UserEntity, { id: actor.id }, { passwordHash });
      await this.refreshTokens.revokeAllForUser(actor.id, manager, actor.sessionId);
    });
  }

  async updateProfile(actor: Actor, change: ProfileChange): Promise<void> {
    const fields: Partial<UserEntity> = {};
    if (change.displayName !== undefined) fields.displayName = change.displayName.trim();
    if (change.locale !== undefined) fields.locale = change.locale;
    if (Object.keys(fields).length === 0) return;
    await this.transactions.run((manager) => manager.update(UserEntity, { id: actor.id }, fields));
  }
}
