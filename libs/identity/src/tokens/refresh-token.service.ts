import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, IsNull, MoreThan, Not, Repository } from 'typeorm';
import { AppConfig, TransactionService } from '@haven/core';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { IdentityErrors } from '../identity.errors';

export const REFRESH_TOKEN_DAYS = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Refresh tokens: random, stored hashed, rotated on every use, with reuse detection per family. The
 * token rotated out last may be presented again for REFRESH_REUSE_GRACE_SECONDS (a reload or a
 * second tab racing the refresh): that gives another successor in the same family. Any other reuse
 * (later, or of an older token) is taken for theft and revokes the family.
 */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
  ) {}

  /** Starts a new family (a sign-in) or continues one (a rotation). */
  async issue(userId: string, familyId: string = randomUUID(), manager?: EntityManager): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const repository = manager ? manager.getRepository(RefreshTokenEntity) : this.tokens;
    await repository.insert({
      userId,
      familyId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000),
    });
    return token;
  }

  /**
   * Consumes a refresh token and returns its user and a successor in the same family. The row is
   * locked, so two concurrent uses of one token run one after the other: the second finds it just
   * used and, within the grace period, gets a successor of its own.
   */
  async rotate(token: string): Promise<{ userId: string; familyId: string; refreshToken: string }> {
    const outcome = await this.transactions.run(async (manager) => {
      const row = await manager
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('token')
        .setLock('pessimistic_write')
        .where('token.tokenHash = :hash', { hash: hashToken(token) })
        .getOne();
      if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      if (row.usedAt) {
        if (!(await this.inGrace(row, manager))) {
          await this.revokeFamily(row.familyId, manager);
          return { kind: 'reused' as const };
        }
      } else {
        await manager.update(RefreshTokenEntity, { id: row.id }, { usedAt: new Date() });
      }
      const refreshToken = await this.issue(row.userId, row.familyId, manager);
      return { kind: 'rotated' as const, userId: row.userId, familyId: row.familyId, refreshToken };
    });
    if (outcome.kind !== 'rotated') throw IdentityErrors.invalidRefreshToken();
    return outcome;
  }

  /** A used token may serve again only briefly, and only while no token of its family was used since. */
  private async inGrace(row: RefreshTokenEntity, manager: EntityManager): Promise<boolean> {
    const usedAt = row.usedAt!.getTime();
    if (usedAt + this.config.REFRESH_REUSE_GRACE_SECONDS * 1000 <= Date.now()) return false;
    const usedSince = await manager
      .getRepository(RefreshTokenEntity)
      .existsBy({ familyId: row.familyId, usedAt: MoreThan(row.usedAt!) });
    return !usedSince;
  }

  /** Signs a session out: the token's whole family stops working. Only the owner's tokens count. */
  async revokeByToken(userId: string, token: string): Promise<void> {
    const row = await this.tokens.findOneBy({ tokenHash: hashToken(token), userId });
    if (row) await this.revokeFamily(row.familyId);
  }

  /** Ends every session of a user, or every one but `keepFamilyId` (the caller's own). */
  async revokeAllForUser(userId: string, manager?: EntityManager, keepFamilyId?: string): Promise<void> {
    const repository = manager ? manager.getRepository(RefreshTokenEntity) : this.tokens;
    await repository.update(
      { userId, revokedAt: IsNull(), ...(keepFamilyId ? { familyId: Not(keepFamilyId) } : {}) },
      { revokedAt: new Date() },
    );
  }

  async listForUser(userId: string): Promise<RefreshTokenEntity[]> {
    return this.tokens.find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  private async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(RefreshTokenEntity) : this.tokens;
    await repository.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
