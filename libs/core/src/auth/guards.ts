import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { CommonErrors, DomainError } from '../errors/domain-error';
import { Actor, Role } from './actor';
import { IS_PUBLIC, ROLES_KEY, VERIFIED_EMAIL_KEY } from './decorators';
import { RouteMetadata } from './route-metadata';

/** Default-deny: every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: RouteMetadata) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw CommonErrors.unauthenticated('A valid access token is required.');
    return user;
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: RouteMetadata) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!actor || !roles.includes(actor.role)) throw CommonErrors.forbidden();
    return true;
  }
}

/** `email_unverified` (403): the web app recognises this type and offers to resend the link. */
export const emailUnverified = () =>
  new DomainError(
    'email_unverified',
    403,
    'Verify your e-mail address first: follow the link Haven e-mailed you, or ask for a new one.',
  );

/** Runs after the role check: routes marked @RequiresVerifiedEmail() need a verified account. */
@Injectable()
export class VerifiedEmailGuard implements CanActivate {
  constructor(private readonly reflector: RouteMetadata) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<boolean | undefined>(VERIFIED_EMAIL_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!actor?.emailVerified) throw emailUnverified();
    return true;
  }
}
