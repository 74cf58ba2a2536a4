export * from './account-status.service';
export * from './auth.service';
export * from './entities/user.entity';
export * from './identity.errors';
export * from './identity.module';
export * from './password/password-policy';
export * from './users.service';
export { ACCESS_TOKEN_SECONDS, AccessTokenService } from './tokens/access-token.service';
export * from './account-erasure';
