import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, DomainError, OutboxEvent, OutboxWriter, stableId, TransactionService } from '@haven/core';
import { UsersService } from './users.service';

/**
 * Retention of accounts (DESIGN.md, Privacy): an account unused — no sign-in, no session refresh —
 * for ACCOUNT_INACTIVE_DAYS is anonymised, as if its owner had deleted it, after its owner was warned
 * ACCOUNT_INACTIVE_WARNING_DAYS before. A sign-in in between voids the warning. Admins are left to
 * the operators; an account another context refuses to let go (the sole owner of an organisation)
 * stays until that changes.
 */
@Injectable()
export class InactiveAccountsService {
  private readonly logger = new Logger(InactiveAccountsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly outbox: OutboxWriter,
    private readonly users: UsersService,
  ) {}

  /** Warns the accounts that reach the warning age, once each, through the outbox. */
  warn(): Promise<number> {
    const { ACCOUNT_INACTIVE_DAYS: days, ACCOUNT_INACTIVE_WARNING_DAYS: warning } = this.config;
    return this.transactions.run(async (manager) => {
      const due: { id: string; delete_on: string }[] = await manager.query(
        `WITH claimed AS (
           UPDATE users SET inactivity_warned_at = clock_timestamp()
            WHERE deleted_at IS NULL AND role <> 'admin' AND inactivity_warned_at IS NULL
              AND last_active_at < clock_timestamp() - make_interval(days => $1)
            RETURNING id, to_char(clock_timestamp() + make_interval(days => $2), 'YYYY-MM-DD') AS delete_on)
         SELECT * FROM claimed`,
        [days - warning, warning],
      );
      for (const user of due) {
        await this.outbox.write(manager, {
          id: stableId(`account-inactive:${user.id}:${user.delete_on}`),
          type: OutboxEvent.AccountInactive,
          recipientIds: [user.id],
          payload: { deleteOn: user.delete_on },
        });
      }
      return due.length;
    });
  }

  /** Anonymises the accounts past the period whose owners were warned long enough ago. */
  async anonymise(): Promise<{ anonymised: number; kept: number }> {
    const { ACCOUNT_INACTIVE_DAYS: days, ACCOUNT_INACTIVE_WARNING_DAYS: warning } = this.config;
    const due: { id: string }[] = await this.transactions.read((manager) =>
      manager.query(
        `SELECT id FROM users
          WHERE deleted_at IS NULL AND role <> 'admin'
            AND last_active_at < clock_timestamp() - make_interval(days => $1)
            AND inactivity_warned_at < clock_timestamp() - make_interval(days => $2)`,
        [days, warning],
      ),
    );
    let anonymised = 0;
    for (const { id } of due) {
      try {
        await this.transactions.run(async (manager) => {
          // Still due once locked: a sign-in meanwhile clears the warning.
          const [still] = await manager.query(
            `SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL AND inactivity_warned_at IS NOT NULL FOR UPDATE`,
            [id],
          );
          if (still) await this.users.anonymise(manager, id, 'inactive');
          anonymised += still ? 1 : 0;
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`An inactive account was kept: ${error.code}`);
      }
    }
    return { anonymised, kept: due.length - anonymised };
  }
}
