import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor, CommonErrors } from '@haven/core';
import { MemberRole, OrganizationMemberEntity } from './entities/organization-member.entity';
import { OrganizationEntity, OrganizationStatus } from './entities/organization.entity';
import { OrganizationErrors } from './organizations.errors';

export interface Membership {
  organizationId: string;
  memberRole: MemberRole;
  status: OrganizationStatus;
  name: string;
}

/**
 * The one place that answers "may this actor see or change this organisation". Anything the actor
 * may not see answers exactly like something that does not exist.
 */
@Injectable()
export class OrganizationAccess {
  constructor(
    @InjectRepository(OrganizationMemberEntity)
    private readonly members: Repository<OrganizationMemberEntity>,
  ) {}

  async membershipOf(userId: string, manager?: EntityManager): Promise<Membership | null> {
    const repository = manager ? manager.getRepository(OrganizationMemberEntity) : this.members;
    const row = await repository
      .createQueryBuilder('member')
      .innerJoin(OrganizationEntity, 'organization', 'organization.id = member.organizationId')
      .select(['member.organizationId AS "organizationId"', 'member.memberRole AS "memberRole"'])
      .addSelect(['organization.status AS status', 'organization.name AS name'])
      .where('member.userId = :userId', { userId })
      .getRawOne<Membership>();
    return row ?? null;
  }

  /** Loads an organisation the actor may see, telling whether the actor sees all of it. */
  async visible(
    actor: Actor,
    organizationId: string,
    manager: EntityManager,
  ): Promise<{ organization: OrganizationEntity; full: boolean }> {
    const organization = await manager.findOneBy(OrganizationEntity, { id: organizationId });
    if (!organization) throw CommonErrors.notFound('organisation');
    if (actor.role === 'admin') return { organization, full: true };
    const membership = await this.membershipOf(actor.id, manager);
    if (membership?.organizationId === organizationId) return { organization, full: true };
    if (organization.status === 'approved') return { organization, full: false };
    throw CommonErrors.notFound('organisation');
  }

  /**
   * For changes to an organisation's membership: the actor must be one of its owners and the
   * organisation must not be suspended or rejected. Locks the organisation row, so concurrent
   * membership changes of one organisation run one after another.
   */
  async lockAsOwner(
    actor: Actor,
    organizationId: string,
    manager: EntityManager,
  ): Promise<OrganizationEntity> {
    const { organization, membership } = await this.lockAsMember(actor, organizationId, manager);
    if (membership.memberRole !== 'owner') throw OrganizationErrors.notOwner();
    if (['suspended', 'rejected', 'closed'].includes(organization.status)) {
      throw OrganizationErrors.notActive(organization.status);
    }
    return organization;
  }

  /**
   * The actor's own membership of this organisation, whatever its status, with the organisation's
   * row locked like `lockAsOwner`. Outsiders get 403 where they may see the organisation, else 404.
   */
  async lockAsMember(
    actor: Actor,
    organizationId: string,
    manager: EntityManager,
  ): Promise<{ organization: OrganizationEntity; membership: OrganizationMemberEntity }> {
    const organization = await this.lock(organizationId, manager);
    if (!organization) throw CommonErrors.notFound('organisation');
    const membership = await manager.findOneBy(OrganizationMemberEntity, { userId: actor.id });
    if (membership?.organizationId !== organizationId) {
      if (actor.role === 'admin' || organization.status === 'approved') throw OrganizationErrors.notOwner();
      throw CommonErrors.notFound('organisation');
    }
    return { organization, membership };
  }

  /** Locks an organisation's row: every change of its membership takes this lock first. */
  lock(organizationId: string, manager: EntityManager): Promise<OrganizationEntity | null> {
    return manager
      .getRepository(OrganizationEntity)
      .createQueryBuilder('organization')
      .setLock('pessimistic_write')
      .where('organization.id = :organizationId', { organizationId })
      .getOne();
  }
}
