import { Injectable } from '@nestjs/common';
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

  async register(input: NewUser & { role: 'volunteer' | 'coordinator' }): Promise<Session> {
    const user = await this.users.create(input);
    return this.startSession(user);
  }

  /**
   * Checks an e-mail and password. Unknown e-mail and wrong password fail alike, in the same time.
   * A suspended account is told so only after its password was proven.
   */
  async verifyCredentials(email: string, password: string): Promise<UserEntity> {
    await this.limiter.assertNotBlocked(email);
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid || user.deletedAt) {
      await this.limiter.recordFailure(email);
      throw IdentityErrors.invalidCredentials();
    }
    await this.limiter.reset(email);
    if (user.status === 'suspended') throw IdentityErrors.accountSuspended();
    return user;
  }

  startSession(user: UserEntity): Promise<Session> {
    return this.sessionFor(user, this.refreshTokens.issue(user.id));
  }

  async refresh(refreshToken: string): Promise<Session> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    await this.users.actorFor(rotated.userId);
    const user = await this.users.findLive(rotated.userId);
    return this.sessionFor(user, Promise.resolve(rotated.refreshToken));
  }

  logout(actor: Actor, refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeByToken(actor.id, refreshToken);
  }

  private async sessionFor(user: UserEntity, refreshToken: Promise<string>): Promise<Session> {
    return {
      user: toUserView(user),
      accessToken: this.accessTokens.sign({ sub: user.id, role: user.role }),
      refreshToken: await refreshToken,
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  }
}
