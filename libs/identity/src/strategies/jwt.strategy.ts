import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Actor } from '@haven/core';
import { AccessTokenService } from '../tokens/access-token.service';
import { UsersService } from '../users.service';

/** Verifies the bearer token (algorithm, issuer and audience pinned) and re-reads the caller's status. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: AccessTokenService,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: tokens.key as unknown as string,
      ignoreExpiration: false,
      ...AccessTokenService.verifyOptions(),
    });
  }

  async validate(payload: { sub: string; sid?: unknown }): Promise<Actor> {
    const actor = await this.users.actorFor(payload.sub);
    return typeof payload.sid === 'string' ? { ...actor, sessionId: payload.sid } : actor;
  }
}
