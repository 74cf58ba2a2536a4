import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountMailLimiter } from './account-mail-limiter';
import { AccountService } from './account.service';
import { AccountStateCache } from './account-state-cache';
import { AccountStatusService } from './account-status.service';
import { AuthService } from './auth.service';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password/password-hasher';
import { PasswordProof } from './password/password-proof';
import { AccessTokenService } from './tokens/access-token.service';
import { RefreshTokenService } from './tokens/refresh-token.service';
import { UsersService } from './users.service';
import { VerificationMail } from './verification-mail';

/** Identity's services; the Passport strategies of the API are in IdentityHttpModule. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity])],
  providers: [
    AccountStateCache,
    AccountStatusService,
    AuthService,
    UsersService,
    PasswordHasher,
    AccessTokenService,
    RefreshTokenService,
    LoginLimiter,
    AccountMailLimiter,
    AccountService,
    PasswordProof,
    VerificationMail,
  ],
  exports: [
    PasswordProof,
    RefreshTokenService,
    AccountStateCache,
    AccountStatusService,
    AccountService,
    AuthService,
    UsersService,
    AccessTokenService,
  ],
})
export class IdentityModule {}

export const IDENTITY_ENTITIES = [UserEntity, RefreshTokenEntity];
