import { Injectable } from '@nestjs/common';
import { Actor } from '@haven/core';
import { UsersService } from '@haven/identity';
import { OrganizationAccess } from './organization-access';

/** GET /me: the caller's account and the organisation they belong to, if any. */
@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersService,
    private readonly access: OrganizationAccess,
  ) {}

  async describe(actor: Actor) {
    const [user, membership] = await Promise.all([
      this.users.findLive(actor.id),
      this.access.membershipOf(actor.id),
    ]);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      emailVerified: user.emailVerifiedAt !== null,
      locale: user.locale,
      organization: membership
        ? {
            id: membership.organizationId,
            name: membership.name,
            status: membership.status,
            memberRole: membership.memberRole,
          }
        : null,
    };
  }
}
