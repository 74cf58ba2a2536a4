import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { TransactionService } from '@haven/core';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { IdentityErrors } from '../identity.errors';

export const REFRESH_TOKEN_DAYS = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Refresh tokens: random, stored hashed, rotated on every use, with reuse detection per family. */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    private readonly transactions: TransactionService,
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
   * locked so two concurrent uses of one token cannot both succeed: the second sees it used, which
   * is exactly the replay that revokes the family.
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
        await this.revokeFamily(row.familyId, manager);
        return { kind: 'reused' as const };
      }
      await manager.update(RefreshTokenEntity, { id: row.id }, { usedAt: new Date() });
      const refreshToken = await this.issue(row.userId, row.familyId, manager);
      return { kind: 'rotated' as const, userId: row.userId, familyId: row.familyId, refreshToken };
    });
    if (outcome.kind !== 'rotated') throw IdentityErrors.invalidRefreshToken();
    return outcome;
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
