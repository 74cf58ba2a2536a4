import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, TransactionService } from '@haven/core';
import { ACCOUNT_ERASURE, AccountErasure, ErasureReason } from './account-erasure';
import { AccountStateCache } from './account-state-cache';
import { UserEntity } from './entities/user.entity';
import { IdentityErrors } from './identity.errors';
import { PasswordProof } from './password/password-proof';
import { RefreshTokenService } from './tokens/refresh-token.service';

/**
 * Deleting an account, by its owner or for inactivity. The row is anonymised rather than deleted,
 * so history (sign-ups, hours, audit entries) keeps its references. Everything an erasure removes
 * or anonymises is in code: the other contexts' part through the AccountErasure port, identity's
 * own below. One thing is still a database trigger, owned by notifications:
 * `users_forget_notifications` (migration 1764090000000) deletes the account's notifications and
 * notification preferences when `deleted_at` is set. test/account-erasure.e2e-spec.ts covers all of it.
 */
@Injectable()
export class AccountDeletionService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly passwords: PasswordProof,
    private readonly refreshTokens: RefreshTokenService,
    private readonly accountStates: AccountStateCache,
    @Inject(ACCOUNT_ERASURE) private readonly erasure: AccountErasure,
  ) {}

  /** The owner deletes their account, proving it with their password. The last admin may not. */
  async deleteAccount(actor: Actor, password: string, address: string): Promise<void> {
    const user = await this.passwords.prove(actor, password, address);
    await this.transactions.run(async (manager) => {
      if (user.role === 'admin') {
        // Serialise concurrent admin deletions so two admins cannot both leave the platform adminless.
        await manager.query(`SELECT id FROM users WHERE role = 'admin' FOR UPDATE`);
        const [{ count }] = await manager.query(
          `SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND status = 'active' AND deleted_at IS NULL`,
        );
        if (count <= 1) throw IdentityErrors.lastAdmin();
      }
      await this.anonymise(manager, user.id, 'deleted');
    });
    await this.accountStates.changed(user.id);
  }

  /**
   * Anonymises an account inside the caller's transaction: other contexts let go of it first (which
   * may refuse, e.g. the sole owner of an organisation), then nothing in the row identifies anyone.
   */
  async anonymise(manager: EntityManager, userId: string, why: ErasureReason): Promise<void> {
    await this.erasure.erase(manager, userId, why);
    await manager.update(
      UserEntity,
      { id: userId },
      {
        email: `deleted-${userId}@deleted.invalid`,
        displayName: 'Deleted user',
        passwordHash: null,
        deletedAt: new Date(),
      },
    );
    await this.refreshTokens.revokeAllForUser(userId, manager);
    await manager.query(`UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
      userId,
    ]);
    await manager.query(`DELETE FROM user_phones WHERE user_id = $1`, [userId]);
  }
}
