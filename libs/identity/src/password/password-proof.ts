import { Injectable } from '@nestjs/common';
import { Actor, TransactionService } from '@haven/core';
import { UserEntity } from '../entities/user.entity';
import { IdentityErrors } from '../identity.errors';
import { LoginLimiter } from '../login-limiter';
import { PasswordHasher } from './password-hasher';

/**
 * Checks the caller's current password before a sensitive change (deleting the account, a new
 * password), under the same limits as signing in: a stolen access token cannot be used to guess it.
 */
@Injectable()
export class PasswordProof {
  constructor(
    private readonly transactions: TransactionService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
  ) {}

  /** The caller's account when `password` is theirs; else 400 naming `field` (or 429 when limited). */
  async prove(actor: Actor, password: string, address: string, field = 'password'): Promise<UserEntity> {
    const user = await this.transactions.read((manager) =>
      manager
        .getRepository(UserEntity)
        .createQueryBuilder('user')
        .addSelect('user.passwordHash')
        .where('user.id = :id AND user.deletedAt IS NULL', { id: actor.id })
        .getOne(),
    );
    if (!user) throw IdentityErrors.wrongPassword(field);
    const attempt = await this.limiter.reserve(user.email, address);
    if (!(await this.hasher.verify(user.passwordHash, password))) throw IdentityErrors.wrongPassword(field);
    await this.limiter.succeeded(attempt);
    return user;
  }
}
