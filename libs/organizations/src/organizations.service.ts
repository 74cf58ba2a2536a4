import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  Actor,
  AuditLogService,
  CommonErrors,
  NeedCategory,
  Page,
  PageQuery,
  paginate,
  TransactionService,
} from '@haven/core';
import { OrganizationDecisionEntity } from './entities/organization-decision.entity';
import { MemberRole, OrganizationMemberEntity } from './entities/organization-member.entity';
import { OrganizationEntity, OrganizationStatus } from './entities/organization.entity';
import { OrganizationAccess } from './organization-access';
import { fullView, OrganizationFullView, OrganizationPublicView, publicView } from './organization.views';
import { OrganizationErrors } from './organizations.errors';

export interface OrganizationApplication {
  name: string;
  country: string;
  registrationNumber: string;
  contactEmail: string;
  description: string;
  focusAreas: NeedCategory[];
  website?: string;
}

export interface OrganizationFilter {
  status?: OrganizationStatus;
  reviewDue?: boolean;
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @InjectRepository(OrganizationMemberEntity)
    private readonly members: Repository<OrganizationMemberEntity>,
    private readonly access: OrganizationAccess,
    private readonly audit: AuditLogService,
    private readonly transactions: TransactionService,
  ) {}

  /** A coordinator in no organisation applies for one and becomes its owner; it waits for vetting. */
  async apply(actor: Actor, application: OrganizationApplication): Promise<OrganizationFullView> {
    if (actor.role !== 'coordinator')
      throw CommonErrors.forbidden('Only coordinators apply for an organisation.');
    try {
      return await this.transactions.run(async (manager) => {
        const organization = await manager.save(
          manager.create(OrganizationEntity, {
            ...application,
            country: application.country.toUpperCase(),
            focusAreas: [...new Set(application.focusAreas)],
            website: application.website ?? null,
            status: 'pending',
            reviewBy: null,
          }),
        );
        // The member table's key is the user: a second organisation for the same caller fails here.
        await manager.insert(OrganizationMemberEntity, {
          userId: actor.id,
          organizationId: organization.id,
          memberRole: 'owner',
        });
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'organization.applied',
          entity: 'organization',
          entityId: organization.id,
          summary: 'Organisation applied for vetting',
        });
        return fullView(organization);
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION)
        throw OrganizationErrors.callerAlreadyMember();
      throw error;
    }
  }

  /**
   * Admins page through every organisation, oldest first, so `?status=pending` is the vetting queue.
   * Everyone else sees approved organisations' public fields, by name.
   */
  async list(
    actor: Actor,
    filter: OrganizationFilter,
    page: PageQuery,
  ): Promise<Page<OrganizationFullView | OrganizationPublicView>> {
    const query = this.organizations.createQueryBuilder('organization');
    if (actor.role !== 'admin') {
      if (filter.status && filter.status !== 'approved') return { items: [], nextCursor: null };
      query.where(`organization.status = 'approved'`);
      if (filter.reviewDue) return { items: [], nextCursor: null };
      const result = await paginate(
        query,
        {
          columns: [
            { expression: 'organization.name', direction: 'ASC', value: (row) => row.name },
            { expression: 'organization.id', direction: 'ASC', value: (row) => row.id },
          ],
        },
        page,
      );
      return { items: result.items.map(publicView), nextCursor: result.nextCursor };
    }
    if (filter.status) query.andWhere('organization.status = :status', { status: filter.status });
    if (filter.reviewDue)
      query.andWhere(`organization.status = 'approved' AND organization.reviewBy <= CURRENT_DATE`);
    const result = await paginate(
      query,
      {
        columns: [
          { expression: 'organization.createdAt', direction: 'ASC', value: (row) => row.createdAt },
          { expression: 'organization.id', direction: 'ASC', value: (row) => row.id },
        ],
      },
      page,
    );
    return {
      items: result.items.map((organization) => fullView(organization)),
      nextCursor: result.nextCursor,
    };
  }

  async get(actor: Actor, organizationId: string): Promise<OrganizationFullView | OrganizationPublicView> {
    const { organization, full } = await this.access.visible(
      actor,
      organizationId,
      this.organizations.manager,
    );
    if (!full) return publicView(organization);
    const decisions = await this.organizations.manager.find(OrganizationDecisionEntity, {
      where: { organizationId },
      order: { createdAt: 'ASC' },
    });
    return fullView(organization, decisions);
  }

  async listMembers(actor: Actor, organizationId: string) {
    const { full } = await this.access.visible(actor, organizationId, this.organizations.manager);
    if (!full) throw CommonErrors.notFound('organisation');
    const rows: { userId: string; displayName: string; email: string; memberRole: string; joinedAt: Date }[] =
      await this.members
        .createQueryBuilder('member')
        .innerJoin('users', 'account', 'account.id = member.userId')
        .select('member.userId', 'userId')
        .addSelect('account.display_name', 'displayName')
        .addSelect('account.email', 'email')
        .addSelect('member.memberRole', 'memberRole')
        .addSelect('member.createdAt', 'joinedAt')
        .where('member.organizationId = :organizationId', { organizationId })
        .orderBy('member.createdAt', 'ASC')
        .getRawMany();
    return { items: rows.map((row) => ({ ...row, joinedAt: new Date(row.joinedAt).toISOString() })) };
  }

  /** An owner makes a member an owner or a coordinator; the last owner cannot step down. */
  async changeMemberRole(actor: Actor, organizationId: string, userId: string, memberRole: MemberRole) {
    return this.transactions.run(async (manager) => {
      await this.access.lockAsOwner(actor, organizationId, manager);
      const member = await manager.findOneBy(OrganizationMemberEntity, { userId, organizationId });
      if (!member) throw CommonErrors.notFound('member');
      if (member.memberRole === 'owner' && memberRole !== 'owner') {
        const owners = await manager.countBy(OrganizationMemberEntity, {
          organizationId,
          memberRole: 'owner',
        });
        if (owners <= 1) throw OrganizationErrors.lastOwner();
      }
      if (member.memberRole !== memberRole) {
        await manager.update(OrganizationMemberEntity, { userId, organizationId }, { memberRole });
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'organization.member_role_changed',
          entity: 'organization',
          entityId: organizationId,
          summary: `Member ${userId} is now ${memberRole} (was ${member.memberRole})`,
        });
      }
      return { userId, memberRole };
    });
  }
}
