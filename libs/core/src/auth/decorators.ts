import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { Actor, Role } from './actor';

export const IS_PUBLIC = 'haven:public';
export const ROLES_KEY = 'haven:roles';
export const AUTH_ROUTE = 'haven:auth-route';
export const VERIFIED_EMAIL_KEY = 'haven:verified-email';

/** Opts a route out of the global authentication guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles; the RolesGuard enforces it. Metadata only. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

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
