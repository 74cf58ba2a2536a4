import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLogService, CommonErrors, TransactionService } from '@haven/core';
import { OrganizationMemberEntity } from './entities/organization-member.entity';
import { OrganizationEntity } from './entities/organization.entity';
import { OrganizationAccess } from './organization-access';
import { OrganizationErrors } from './organizations.errors';

/**
 * Leaving an organisation: an owner removes a member, any member removes themselves, and deleting
 * an account takes its membership with it. An organisation never loses its last owner, except a
 * rejected one, which can never become active again: its last owner may leave and apply anew.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly audit: AuditLogService,
    private readonly transactions: TransactionService,
  ) {}

  /** An owner removes a member of an active or pending organisation; any member leaves it, whatever its status. */
  async remove(actor: Actor, organizationId: string, userId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const leaving = actor.id === userId;
      const organization = leaving
        ? (await this.access.lockAsMember(actor, organizationId, manager)).organization
        : await this.access.lockAsOwner(actor, organizationId, manager);
      const member = await manager.findOneBy(OrganizationMemberEntity, { userId, organizationId });
      if (!member) throw CommonErrors.notFound('member');
      await this.assertNotLastOwner(manager, organization, member, OrganizationErrors.lastOwner);
      await manager.delete(OrganizationMemberEntity, { userId, organizationId });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: leaving ? 'organization.member_left' : 'organization.member_removed',
        entity: 'organization',
        entityId: organizationId,
        summary: leaving
          ? `Member ${userId} left (${member.memberRole})`
          : `Member ${userId} removed (${member.memberRole})`,
      });
    });
  }

  /**
   * Inside an account deletion's transaction: the person's open invitations are withdrawn and their
   * membership ends. A sole owner with other members is refused (409) until they hand the
   * organisation over; a sole owner who is its only member closes it when `mayClose` (`closed`, for
   * good, its pending invitations withdrawn), else is refused too. Returns the id of the
   * organisation closed, for the caller to cancel its work.
   */
  async erase(manager: EntityManager, userId: string, mayClose: boolean): Promise<string | null> {
    await manager.query(
      `UPDATE organization_invitations SET status = 'withdrawn', answered_at = now()
        WHERE invitee_id = $1 AND status = 'pending'`,
      [userId],
    );
    const found = await manager.findOneBy(OrganizationMemberEntity, { userId });
    if (!found) return null;
    const organization = await this.access.lock(found.organizationId, manager);
    const member = await manager.findOneBy(OrganizationMemberEntity, { userId });
    if (!organization || !member) return null;
    const alone =
      mayClose &&
      (await manager.countBy(OrganizationMemberEntity, { organizationId: organization.id })) === 1;
    if (!alone) await this.assertNotLastOwner(manager, organization, member, OrganizationErrors.soleOwner);
    await manager.delete(OrganizationMemberEntity, { userId });
    await this.audit.record(manager, {
      actorId: userId,
      action: 'organization.member_left',
      entity: 'organization',
      entityId: organization.id,
      summary: `Member ${userId} left (${member.memberRole}): account deleted`,
    });
    if (!alone || organization.status === 'rejected') return null;
    return this.close(manager, organization, userId);
  }

  private async close(manager: EntityManager, organization: OrganizationEntity, actorId: string) {
    const was = organization.status;
    await manager.update(OrganizationEntity, { id: organization.id }, { status: 'closed' });
    await manager.query(
      `UPDATE organization_invitations SET status = 'withdrawn', answered_at = now()
        WHERE organization_id = $1 AND status = 'pending'`,
      [organization.id],
    );
    await this.audit.record(manager, {
      actorId,
      action: 'organization.closed',
      entity: 'organization',
      entityId: organization.id,
      summary: `Organisation closed (was ${was}): its only member deleted their account`,
    });
    return organization.id;
  }

  /** Runs under the organisation's row lock, so two owners leaving at once cannot both go. */
  private async assertNotLastOwner(
    manager: EntityManager,
    organization: OrganizationEntity,
    member: OrganizationMemberEntity,
    error: () => Error,
  ): Promise<void> {
    if (member.memberRole !== 'owner' || organization.status === 'rejected') return;
    const owners = await manager.countBy(OrganizationMemberEntity, {
      organizationId: organization.id,
      memberRole: 'owner',
    });
    if (owners <= 1) throw error();
  }
}
