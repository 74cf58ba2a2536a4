import { CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { Actor } from '@haven/core';
import { NeedErrors } from '@haven/needs';
import { OrganizationAccess } from '@haven/organizations';

/**
 * Authorisation before validation: posting or changing needs and tasks takes a member of an
 * approved organisation, so anyone else is refused (403) before their body is validated. Guards run
 * before pipes; the services still check the full rule (which organisation, which record).
 */
@Injectable()
export class PostingMemberGuard implements CanActivate {
  constructor(private readonly organizations: OrganizationAccess) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!actor || actor.role !== 'coordinator') return true; // the RolesGuard has answered already
    const membership = await this.organizations.membershipOf(actor.id);
    if (!membership) throw NeedErrors.noOrganization();
    if (membership.status !== 'approved') throw NeedErrors.organizationNotApproved(membership.status);
    return true;
  }
}

export const PostingMember = () => UseGuards(PostingMemberGuard);
