import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { Actor, Role } from './actor';

export const IS_PUBLIC = 'haven:public';
export const ROLES_KEY = 'haven:roles';
export const AUTH_ROUTE = 'haven:auth-route';
export const VERIFIED_EMAIL_KEY = 'haven:verified-email';

/** Marks public operations in the OpenAPI document, which then states `security: []` for them. */
export const PUBLIC_OPERATION = 'x-haven-public';

/** Opts a route out of the global authentication guard (and out of bearer auth in the API document). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION, true));

/** Lists an operation's roles in the OpenAPI document (and adds its 403). */
export const ROLES_OPERATION = 'x-haven-roles';

/** Restricts a route to the given roles; the RolesGuard enforces it. Metadata only. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ROLES_OPERATION, roles));

/**
 * Restricts a route to accounts whose e-mail is verified: signing up, pledging and posting. An
 * unverified account can still sign in and browse. The VerifiedEmailGuard enforces it.
 */
export const RequiresVerifiedEmail = () =>
  applyDecorators(
    SetMetadata(VERIFIED_EMAIL_KEY, true),
    ApiForbiddenResponse({
      description:
        'Also `urn:haven:problem:email_unverified` while the caller has not followed the verification link',
    }),
  );

/** Marks a controller whose routes get the stricter authentication rate limit. */
export const AuthRateLimit = () => SetMetadata(AUTH_ROUTE, true);

/** The authenticated caller of this request. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});
