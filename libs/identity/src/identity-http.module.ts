import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { IdentityModule } from './identity.module';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';

/**
 * Signing in over HTTP: the Passport strategies (bearer token, e-mail and password). Only the API
 * imports this; the worker and the command line need identity's services, not its strategies.
 */
@Module({
  imports: [IdentityModule, PassportModule],
  providers: [JwtStrategy, LocalStrategy],
})
export class IdentityHttpModule {}
