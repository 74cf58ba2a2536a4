import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  Actor,
  AuditLogService,
  CommonErrors,
  OutboxEvent,
  OutboxWriter,
  Page,
  PageQuery,
  paginate,
  TransactionService,
} from '@haven/core';
import { UsersService } from '@haven/identity';
import { OrganizationInvitationEntity } from './entities/organization-invitation.entity';
import { OrganizationMemberEntity } from './entities/organization-member.entity';
import { OrganizationEntity } from './entities/organization.entity';
import { OrganizationAccess } from './organization-access';
import { OrganizationErrors } from './organizations.errors';

export const INVITATION_LIFETIME_DAYS = 14;

const UNIQUE_VIOLATION = '23505';
/** An id no account has: the invitation statements run against it for an address that cannot be invited. */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

export interface InvitationView {
  id: string;
  organization: { id: string; name: string };
  invitedAt: string;
  expiresAt: string;
}

/**
 * Membership by consent. An owner invites by e-mail and always gets the same answer, so the
 * answer tells nothing about which addresses have accounts; only a registered, active coordinator
 * in no organisation actually receives an invitation. The invitee accepts (becoming a
 * `coordinator` member) or declines; an invitation lapses after 14 days.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly users: UsersService,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    private readonly transactions: TransactionService,
  ) {}

  async invite(actor: Actor, organizationId: string, email: string): Promise<void> {
    const invitee = await this.users.findByEmail(email);
    await this.transactions.run(async (manager) => {
      await this.access.lockAsOwner(actor, organizationId, manager);
      // Every address takes the same statements, so the time of the answer does not tell whether
      // it has an account: an address that cannot be invited runs them against no one.
      const eligible = invitee?.role === 'coordinator' && invitee.status === 'active' && !invitee.deletedAt;
      const inviteeId = eligible ? invitee.id : NO_ONE;
      const [{ member }] = await manager.query(
        'SELECT EXISTS (SELECT 1 FROM organization_members WHERE user_id = $1) AS member',
        [inviteeId],
      );
      const invitable = eligible && !member;
      // A lapsed invitation makes room for a new one; an open one is left as it is (no second message).
      await manager.query(
        `UPDATE organization_invitations SET status = 'expired', answered_at = expires_at
          WHERE organization_id = $1 AND invitee_id = $2 AND status = 'pending' AND expires_at <= now()`,
        [organizationId, inviteeId],
      );
      const [created]: { id: string; expires_at: Date }[] = await manager.query(
        `INSERT INTO organization_invitations (organization_id, invitee_id, invited_by, created_at, expires_at)
         SELECT $1, $2, $3, at, at + make_interval(days => $4) FROM (SELECT clock_timestamp() AS at) AS sent
          WHERE $5
         ON CONFLICT (organization_id, invitee_id) WHERE status = 'pending' DO NOTHING
         RETURNING id, expires_at`,
        [organizationId, inviteeId, actor.id, INVITATION_LIFETIME_DAYS, invitable],
      );
      if (!created || !invitee) return;
      await this.outbox.write(manager, {
        type: OutboxEvent.OrganizationInvitation,
        recipientIds: [invitee.id],
        payload: {
          invitationId: created.id,
          organizationId,
          expiresAt: created.expires_at.toISOString(),
        },
      });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'organization.member_invited',
        entity: 'organization',
        entityId: organizationId,
        summary: `Invitation ${created.id} sent to ${invitee.id}`,
      });
    });
  }

  /** The caller's open invitations, newest first, from organisations that can still take members. */
  mine(actor: Actor, page: PageQuery): Promise<Page<InvitationView>> {
    return this.transactions.run(async (manager) => {
      const query = manager
        .createQueryBuilder(OrganizationInvitationEntity, 'invitation')
        .innerJoin(OrganizationEntity, 'organization', 'organization.id = invitation.organizationId')
        .where(`invitation.inviteeId = :userId AND invitation.status = 'pending'`, { userId: actor.id })
        .andWhere('invitation.expiresAt > now()')
        .andWhere(`organization.status IN ('pending', 'approved')`);
      const { items, nextCursor } = await paginate(
        query,
        {
          columns: [
            { expression: 'invitation.createdAt', direction: 'DESC', value: (row) => row.createdAt },
            { expression: 'invitation.id', direction: 'DESC', value: (row) => row.id },
          ],
        },
        page,
      );
      const organizations = await manager.find(OrganizationEntity, {
        where: { id: In(items.map((item) => item.organizationId)) },
        select: ['id', 'name'],
      });
      const names = new Map(organizations.map((organization) => [organization.id, organization.name]));
      return {
        items: items.map((invitation) => ({
          id: invitation.id,
          organization: { id: invitation.organizationId, name: names.get(invitation.organizationId) ?? '' },
          invitedAt: invitation.createdAt.toISOString(),
          expiresAt: invitation.expiresAt.toISOString(),
        })),
        nextCursor,
      };
    });
  }

  /** The invitee joins as a `coordinator`; 409 if they meanwhile joined or founded another organisation. */
  async accept(actor: Actor, invitationId: string) {
    try {
      return await this.transactions.run(async (manager) => {
        const found = await this.own(actor, invitationId, manager);
        // The organisation first, then the invitation: the order every membership change locks in.
        const organization = await this.access.lock(found.organizationId, manager);
        const invitation = await manager.findOneOrFail(OrganizationInvitationEntity, {
          where: { id: invitationId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!organization) throw CommonErrors.notFound('invitation');
        this.assertOpen(invitation);
        if (organization.status !== 'pending' && organization.status !== 'approved') {
          throw OrganizationErrors.invitationClosed(organization.status);
        }
        if (await manager.existsBy(OrganizationMemberEntity, { userId: actor.id })) {
          throw OrganizationErrors.alreadyMember();
        }
        // The member table's key is the user: a concurrent acceptance elsewhere fails here.
        await manager.insert(OrganizationMemberEntity, {
          userId: actor.id,
          organizationId: organization.id,
          memberRole: 'coordinator',
        });
        await manager.update(OrganizationInvitationEntity, invitation.id, {
          status: 'accepted',
          answeredAt: new Date(),
        });
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'organization.member_joined',
          entity: 'organization',
          entityId: organization.id,
          summary: `Invitation ${invitation.id} accepted`,
        });
        return {
          organization: {
            id: organization.id,
            name: organization.name,
            status: organization.status,
            memberRole: 'coordinator' as const,
          },
        };
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw OrganizationErrors.alreadyMember();
      throw error;
    }
  }

  async decline(actor: Actor, invitationId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.own(actor, invitationId, manager);
      const invitation = await manager.findOneOrFail(OrganizationInvitationEntity, {
        where: { id: invitationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (invitation.status !== 'pending') throw OrganizationErrors.invitationAnswered(invitation.status);
      await manager.update(OrganizationInvitationEntity, invitation.id, {
        status: 'declined',
        answeredAt: new Date(),
      });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'organization.invitation_declined',
        entity: 'organization',
        entityId: invitation.organizationId,
        summary: `Invitation ${invitation.id} declined`,
      });
    });
  }

  /** Every invitation the caller received, for their data export. */
  exportFor(actor: Actor) {
    return this.transactions.read(async (manager) => ({
      invitations: (
        await manager.find(OrganizationInvitationEntity, {
          where: { inviteeId: actor.id },
          order: { createdAt: 'ASC' },
        })
      ).map((invitation) => ({
        id: invitation.id,
        organizationId: invitation.organizationId,
        status: invitation.status,
        invitedAt: invitation.createdAt.toISOString(),
        expiresAt: invitation.expiresAt.toISOString(),
        answeredAt: invitation.answeredAt?.toISOString() ?? null,
      })),
    }));
  }

  /** Someone else's invitation answers exactly like one that does not exist. */
  private async own(actor: Actor, invitationId: string, manager: EntityManager) {
    const invitation = await manager.findOneBy(OrganizationInvitationEntity, {
      id: invitationId,
      inviteeId: actor.id,
    });
    if (!invitation) throw CommonErrors.notFound('invitation');
    return invitation;
  }

  private assertOpen(invitation: OrganizationInvitationEntity): void {
    if (invitation.status !== 'pending') throw OrganizationErrors.invitationAnswered(invitation.status);
    if (invitation.expiresAt.getTime() <= Date.now()) throw OrganizationErrors.invitationExpired();
  }
}
