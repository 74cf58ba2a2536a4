import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '@haven/core';
import { toUserView, UserEntity, UserView } from './entities/user.entity';
import { IdentityErrors } from './identity.errors';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password/password-hasher';
import { ACCESS_TOKEN_SECONDS, AccessTokenService } from './tokens/access-token.service';
import { RefreshTokenService } from './tokens/refresh-token.service';
import { NewUser, UsersService } from './users.service';

export interface Session {
  user: UserView;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: LoginLimiter,
  ) {}

  /** Self-registration: the account starts unverified, and its verification link is e-mailed. */
  async register(
    input: Omit<NewUser, 'emailVerified'> & { role: 'volunteer' | 'coordinator' },
  ): Promise<Session> {
    const user = await this.users.create({ ...input, emailVerified: false });
    return this.startSession(user);
  }

  /**
   * Checks an e-mail and password. Unknown e-mail and wrong password fail alike, in the same time.
   * A suspended account is told so only after its password was proven.
   */
  async verifyCredentials(email: string, password: string, address: string): Promise<UserEntity> {
    const attempt = await this.limiter.reserve(email, address);
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    // A failed attempt keeps the points it reserved: that is the count.
    if (!user || !valid || user.deletedAt) throw IdentityErrors.invalidCredentials();
    await this.limiter.succeeded(attempt);
    if (user.status === 'suspended') throw IdentityErrors.accountSuspended();
    return user;
  }

  async startSession(user: UserEntity): Promise<Session> {
    const familyId = randomUUID();
    return this.sessionFor(user, familyId, await this.refreshTokens.issue(user.id, familyId));
  }

  async refresh(refreshToken: string): Promise<Session> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    await this.users.actorFor(rotated.userId);
    const user = await this.users.findLive(rotated.userId);
    return this.sessionFor(user, rotated.familyId, rotated.refreshToken);
  }

  logout(actor: Actor, refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeByToken(actor.id, refreshToken);
  }

  private sessionFor(user: UserEntity, familyId: string, refreshToken: string): Session {
    return {
      user: toUserView(user),
      accessToken: this.accessTokens.sign({ sub: user.id, role: user.role, sid: familyId }),
      refreshToken,
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  }
}
