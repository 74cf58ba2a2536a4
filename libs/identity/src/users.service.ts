import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, CommonErrors, Role, SharedReads, TransactionService, UUID } from '@haven/core';
import { AccountState, AccountStateCache } from './account-state-cache';
import { Locale, UserEntity } from './entities/user.entity';
import { IdentityErrors } from './identity.errors';
import { PasswordHasher } from './password/password-hasher';
import { RefreshTokenService } from './tokens/refresh-token.service';
import { VerificationMail } from './verification-mail';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  locale?: Locale;
  /** False for self-registration (a link is e-mailed); true for accounts operators create. */
  emailVerified: boolean;
}

const UNIQUE_VIOLATION = '23505';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokenService,
    private readonly transactions: TransactionService,
    private readonly verificationMail: VerificationMail,
    private readonly accountStates: AccountStateCache,
  ) {}

  /** The states of the accounts asked for by the requests that wait together (SharedReads). */
  private readonly accountReads = new SharedReads<AccountState>(async (ids) => {
    const rows: { id: string; role: Role; status: string; deleted_at: Date | null; verified: boolean }[] =
      await this.users.query(
        `SELECT id, role, status, deleted_at, email_verified_at IS NOT NULL AS verified
           FROM users WHERE id = ANY($1::uuid[])`,
        // Only UUIDs reach the cast: one odd subject must not fail the others' read.
        [ids.filter((id) => UUID.test(id))],
      );
    return new Map(
      rows.map((row) => [
        row.id,
        { role: row.role, status: row.status, deleted: row.deleted_at !== null, verified: row.verified },
      ]),
    );
  });

  /**
   * Creates an account; the unique index, not a prior lookup, decides a race between two sign-ups.
   * An unverified account gets its verification e-mail through the outbox, in the same transaction.
   */
  async create(input: NewUser): Promise<UserEntity> {
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.transactions.run(async (manager) => {
        const user = await manager.save(
          manager.create(UserEntity, {
            email: normaliseEmail(input.email),
            displayName: input.displayName.trim(),
            role: input.role,
            status: 'active',
            locale: input.locale ?? 'en',
            emailVerifiedAt: input.emailVerified ? new Date() : null,
            passwordHash,
            deletedAt: null,
          }),
        );
        if (!input.emailVerified) await this.verificationMail.request(manager, user.id);
        return user;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw IdentityErrors.emailTaken();
      throw error;
    }
  }

  /** For the CLI: creates the admin, or reports the account that already holds the e-mail. */
  async createAdmin(email: string, password: string, displayName = 'Platform admin') {
    const existing = await this.findByEmail(email);
    if (existing) return { created: false as const, user: existing };
    return {
      created: true as const,
      user: await this.create({ email, password, displayName, role: 'admin', emailVerified: true }),
    };
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = :email', { email: normaliseEmail(email) })
      .getOne();
  }

  async findLive(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user || user.deletedAt) throw CommonErrors.notFound('user');
    return user;
  }

  /**
   * Re-reads the caller on every request, so a suspension or deletion takes effect on the very next
   * request rather than when the access token expires. One primary-key lookup.
   */
  async actorFor(userId: string): Promise<Actor> {
    // Runs on every authenticated request: held a few seconds per process (AccountStateCache),
    // else read with the other requests of the moment (one statement), no hydration.
    const user = await this.accountStates.get(
      userId,
      async () => (await this.accountReads.read([userId])).get(userId) ?? null,
    );
    if (!user || user.deleted) throw CommonErrors.unauthenticated('This account no longer exists.');
    if (user.status === 'suspended') throw IdentityErrors.accountSuspended();
    return { id: userId, role: user.role, emailVerified: user.verified };
  }

  /** Everything Haven holds about the caller's account (contexts add their own sections). */
  async export(actor: Actor) {
    const user = await this.findLive(actor.id);
    const sessions = await this.refreshTokens.listForUser(actor.id);
    return {
      exportedAt: new Date().toISOString(),
      account: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        status: user.status,
        emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
        locale: user.locale,
        createdAt: user.createdAt.toISOString(),
      },
      sessions: sessions.map((session) => ({
        startedAt: session.createdAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        usedAt: session.usedAt?.toISOString() ?? null,
        revokedAt: session.revokedAt?.toISOString() ?? null,
      })),
    };
  }

  /** A sign-in or a refresh: the account is in use, and any warning of its deletion is void. */
  async markActive(userId: string): Promise<void> {
    await this.users.query(
      `UPDATE users SET last_active_at = clock_timestamp(), inactivity_warned_at = NULL WHERE id = $1`,
      [userId],
    );
  }
}
