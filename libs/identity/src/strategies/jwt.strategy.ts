import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Actor } from '@haven/core';
import { AccessTokenService } from '../tokens/access-token.service';
import { UsersService } from '../users.service';
import { BearerTokenStrategy } from './bearer-token.strategy';

/** Verifies the bearer token (algorithm, issuer and audience pinned) and re-reads the caller's status. */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly users: UsersService,
  ) {
    super();
  }

  /** The caller, or null for a token that is not a valid access token (401). */
  async validate(token: string): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const actor = await this.users.actorFor(claims.sub);
    return claims.sid ? { ...actor, sessionId: claims.sid } : actor;
  }
}
