import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, CommonErrors, DomainError } from '@haven/core';
import { Membership, OrganizationAccess, OrganizationSql, organizationStatus } from '@haven/organizations';
import { NeedEntity } from './entities/need.entity';
import { NeedErrors } from './needs.errors';

/**
 * Who may see and change an organisation's records: its needs (with their items and pledges), its
 * tasks and their sign-ups, its safeguarding clearances. Everyone signed in sees approved
 * organisations' records; members and admins also see their own or every other one; anything else
 * answers as if it did not exist. Only members of an approved organisation change anything.
 */
@Injectable()
export class OrganizationRecordAccess {
  constructor(private readonly organizations: OrganizationAccess) {}

  /** The caller's organisation, which must be approved, for posting something new. */
  async postingMembership(actor: Actor, manager: EntityManager): Promise<Membership> {
    const membership = await this.organizations.membershipOf(actor.id, manager);
    if (!membership) throw NeedErrors.noOrganization();
    if (membership.status !== 'approved') throw NeedErrors.organizationNotApproved(membership.status);
    return membership;
  }

  /** Loads a need the caller may read. */
  async readableNeed(actor: Actor, needId: string, manager: EntityManager): Promise<NeedEntity> {
    const need = await manager.findOneBy(NeedEntity, { id: needId });
    if (!need || !(await this.mayRead(actor, need.organizationId, manager)))
      throw CommonErrors.notFound('need');
    return need;
  }

  /** Locks a need the caller may change: a member of its organisation, which is approved. */
  async changeableNeed(actor: Actor, needId: string, manager: EntityManager): Promise<NeedEntity> {
    const need = await manager.findOne(NeedEntity, {
      where: { id: needId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!need) throw CommonErrors.notFound('need');
    await this.assertMember(actor, need.organizationId, manager);
    return need;
  }

  /**
   * A member of the organisation, which must be approved to change anything (`toRead` waives that:
   * a suspended organisation's members still read their own records; else 403
   * organization_not_active). A caller who is not a member gets `notMember` (403 by default), or
   * `notVisible` (the record is not found) if they may not even see the organisation's records;
   * each caller names the record it guards.
   */
  async assertMember(
    actor: Actor,
    organizationId: string,
    manager: EntityManager,
    {
      toRead = false,
      notVisible = (): DomainError => CommonErrors.notFound('need'),
      notMember = (): DomainError => NeedErrors.notMember(),
    } = {},
  ): Promise<void> {
    const membership = await this.organizations.membershipOf(actor.id, manager);
    if (membership?.organizationId !== organizationId) {
      if (await this.mayRead(actor, organizationId, manager)) throw notMember();
      throw notVisible();
    }
    if (!toRead && membership.status !== 'approved')
      throw NeedErrors.organizationNotApproved(membership.status);
  }

  async mayRead(actor: Actor, organizationId: string, manager: EntityManager): Promise<boolean> {
    if (actor.role === 'admin') return true;
    if ((await organizationStatus(manager, organizationId)) === 'approved') return true;
    if (actor.role !== 'coordinator') return false;
    const membership = await this.organizations.membershipOf(actor.id, manager);
    return membership?.organizationId === organizationId;
  }

  async ownOrganizationId(actor: Actor, manager: EntityManager): Promise<string | null> {
    if (actor.role !== 'coordinator') return null;
    return (await this.organizations.membershipOf(actor.id, manager))?.organizationId ?? null;
  }

  /**
   * A SQL condition limiting a list to what the caller may see: approved organisations' rows, plus
   * the caller's own organisation's; admins see everything. `column` names the organisation id.
   */
  async visibilityFilter(
    actor: Actor,
    column: string,
    manager: EntityManager,
  ): Promise<{ sql: string; params: Record<string, string> } | null> {
    if (actor.role === 'admin') return null;
    const approved = OrganizationSql.isApprovedId(column);
    // Only coordinators belong to organisations: volunteers need no membership look-up.
    if (actor.role !== 'coordinator') return { sql: approved, params: {} };
    const membership = await this.organizations.membershipOf(actor.id, manager);
    if (!membership) return { sql: approved, params: {} };
    return {
      sql: `(${approved} OR ${column} = :ownOrganizationId)`,
      params: { ownOrganizationId: membership.organizationId },
    };
  }
}
