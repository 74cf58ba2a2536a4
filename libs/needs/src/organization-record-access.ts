import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, CommonErrors } from '@haven/core';
import { Membership, OrganizationAccess, OrganizationSql, organizationStatus } from '@haven/organizations';
import { NeedEntity } from './entities/need.entity';
import { NeedErrors } from './needs.errors';

/**
 * Who may see and change a need (and so its items, pledges and tasks). Everyone signed in sees the
 * needs of approved organisations; members and admins also see their own or every other one; anything
 * else answers as if it did not exist. Only members of an approved organisation change anything.
 */
@Injectable()
export class NeedAccess {
  constructor(private readonly organizations: OrganizationAccess) {}

  /** The caller's organisation, which must be approved, for posting something new. */
  async postingMembership(actor: Actor, manager: EntityManager): Promise<Membership> {
    const membership = await this.organizations.membershipOf(actor.id, manager);
    if (!membership) throw NeedErrors.noOrganization();
    if (membership.status !== 'approved') throw NeedErrors.organizationNotApproved(membership.status);
    return membership;
  }

  /** Loads a need the caller may read. */
  async readable(actor: Actor, needId: string, manager: EntityManager): Promise<NeedEntity> {
    const need = await manager.findOneBy(NeedEntity, { id: needId });
    if (!need || !(await this.mayRead(actor, need.organizationId, manager)))
      throw CommonErrors.notFound('need');
    return need;
  }

  /** Locks a need the caller may change: a member of its organisation, which is approved. */
  async changeable(actor: Actor, needId: string, manager: EntityManager): Promise<NeedEntity> {
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
   * a suspended organisation's members still read their own records); else 403, or 404 if the
   * caller may not even see it.
   */
  async assertMember(
    actor: Actor,
    organizationId: string,
    manager: EntityManager,
    { toRead = false } = {},
  ): Promise<void> {
    const membership = await this.organizations.membershipOf(actor.id, manager);
    if (membership?.organizationId !== organizationId) {
      if (await this.mayRead(actor, organizationId, manager)) throw NeedErrors.notMember();
      throw CommonErrors.notFound('need');
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
