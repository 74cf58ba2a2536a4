import { Injectable } from '@nestjs/common';
import { Actor, AuditLogService, CommonErrors, DomainError, TransactionService } from '@haven/core';
import { AccountStateCache } from './account-state-cache';
import { UserEntity, UserStatus } from './entities/user.entity';
import { RefreshTokenService } from './tokens/refresh-token.service';

export interface AccountStatusView {
  id: string;
  displayName: string;
  role: string;
  status: UserStatus;
  statusReason: string | null;
}

/**
 * Admins suspend and reinstate accounts. A suspension takes effect on the user's very next request
 * (every API process is told at once: AccountStateCache) and ends every refresh-token family.
 */
@Injectable()
export class AccountStatusService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly audit: AuditLogService,
    private readonly accountStates: AccountStateCache,
  ) {}

  async change(actor: Actor, userId: string, to: UserStatus, reason: string): Promise<AccountStatusView> {
    if (actor.role !== 'admin') throw CommonErrors.forbidden();
    if (userId === actor.id)
      throw new DomainError('own_account', 409, 'Admins cannot suspend or reinstate themselves.');
    const view = await this.transactions.run(async (manager) => {
      const user = await manager.findOne(UserEntity, {
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user || user.deletedAt) throw CommonErrors.notFound('user');
      if (user.status === to) {
        throw new DomainError('illegal_transition', 409, `The account is already ${to}.`);
      }
      user.status = to;
      user.statusReason = reason;
      await manager.save(user);
      if (to === 'suspended') await this.refreshTokens.revokeAllForUser(user.id, manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: to === 'suspended' ? 'user.suspended' : 'user.reinstated',
        entity: 'user',
        entityId: user.id,
        summary: `Account ${to === 'suspended' ? 'suspended' : 'reinstated'} (role ${user.role})`,
      });
      return {
        id: user.id,
        displayName: user.displayName,
        role: user.role,
        status: user.status,
        statusReason: user.statusReason,
      };
    });
    // Every API process forgets the account before the admin hears the change is made.
    await this.accountStates.changed(userId);
    return view;
  }
}
