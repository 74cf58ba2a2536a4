import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AuditLogService,
  CommonErrors,
  Page,
  PageQuery,
  paginate,
  TransactionService,
} from '@haven/core';
import { displayNames } from '@haven/identity';
import { NeedEntity } from './entities/need.entity';
import { NeedItemEntity } from './entities/need-item.entity';
import { PledgeEntity } from './entities/pledge.entity';
import { OrganizationRecordAccess } from './organization-record-access';
import { refreshFilled } from './need-items';
import { NeedErrors } from './needs.errors';

export function pledgeView(pledge: PledgeEntity) {
  return {
    id: pledge.id,
    needId: pledge.needId,
    itemId: pledge.itemId,
    quantity: pledge.quantity,
    status: pledge.status,
    createdAt: pledge.createdAt,
    updatedAt: pledge.updatedAt,
  };
}

export type PledgeView = ReturnType<typeof pledgeView>;

@Injectable()
export class PledgesService {
  constructor(
    private readonly access: OrganizationRecordAccess,
    private readonly audit: AuditLogService,
    private readonly transactions: TransactionService,
  ) {}

  /**
   * A volunteer pledges part of an item. Two guards keep the sum of live pledges within the quantity
   * wanted under any concurrency: the need row is locked, so pledges to one need (and its close or
   * cancel) run one after another, and the running sum only grows through a conditional UPDATE that
   * a CHECK (pledged <= quantity) backs in the schema. A pledge that would exceed it is a 409.
   */
  pledge(actor: Actor, needId: string, itemId: string, quantity: number): Promise<PledgeView> {
    if (actor.role !== 'volunteer') throw CommonErrors.forbidden('Only volunteers pledge supplies.');
    return this.transactions.run(async (manager) => {
      await this.access.readableNeed(actor, needId, manager);
      const need = await this.lockNeed(needId, manager);
      const item = await manager.findOneBy(NeedItemEntity, { id: itemId, needId });
      if (!item) throw CommonErrors.notFound('item');
      if (need.status !== 'open') throw NeedErrors.needNotOpen(need.status);
      const updated = await manager
        .createQueryBuilder()
        .update(NeedItemEntity)
        .set({ pledged: () => 'pledged + :quantity' })
        .where('id = :itemId AND pledged + :quantity <= quantity', { itemId, quantity })
        .execute();
      if (updated.affected === 0) throw NeedErrors.overPledged(item.quantity - item.pledged);
      const pledge = await manager.save(
        manager.create(PledgeEntity, { itemId, needId, volunteerId: actor.id, quantity, status: 'pledged' }),
      );
      await refreshFilled(manager, need);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'pledge.created',
        entity: 'pledge',
        entityId: pledge.id,
        summary: `Pledged ${quantity} of an item`,
      });
      return pledgeView(pledge);
    });
  }

  /** A member of the need's organisation records that the pledged supplies arrived. */
  delivered(actor: Actor, pledgeId: string): Promise<PledgeView> {
    return this.transactions.run(async (manager) => {
      const { pledge, need } = await this.lockPledge(actor, pledgeId, manager);
      await this.access.assertMember(actor, need.organizationId, manager);
      if (pledge.status !== 'pledged') throw NeedErrors.pledgeNotLive(pledge.status);
      pledge.status = 'delivered';
      await manager.save(pledge);
      await manager.query(`UPDATE need_items SET delivered = delivered + $2 WHERE id = $1`, [
        pledge.itemId,
        pledge.quantity,
      ]);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'pledge.delivered',
        entity: 'pledge',
        entityId: pledge.id,
        summary: `Pledge of ${pledge.quantity} delivered`,
      });
      return pledgeView(pledge);
    });
  }

  /** The pledger, or a member of the need's organisation, cancels a pledge not yet delivered. */
  cancel(actor: Actor, pledgeId: string): Promise<PledgeView> {
    return this.transactions.run(async (manager) => {
      const { pledge, need } = await this.lockPledge(actor, pledgeId, manager);
      if (pledge.volunteerId !== actor.id)
        await this.access.assertMember(actor, need.organizationId, manager);
      if (pledge.status !== 'pledged') throw NeedErrors.pledgeNotLive(pledge.status);
      pledge.status = 'cancelled';
      await manager.save(pledge);
      await manager.query(`UPDATE need_items SET pledged = pledged - $2 WHERE id = $1`, [
        pledge.itemId,
        pledge.quantity,
      ]);
      await refreshFilled(manager, need);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'pledge.cancelled',
        entity: 'pledge',
        entityId: pledge.id,
        summary: `Pledge of ${pledge.quantity} cancelled`,
      });
      return pledgeView(pledge);
    });
  }

  /** The pledges to a need, for the members of its organisation, with each pledger's display name. */
  listForNeed(actor: Actor, needId: string, page: PageQuery) {
    return this.transactions.run(async (manager) => {
      const need = await this.access.readableNeed(actor, needId, manager);
      if (actor.role !== 'admin') {
        await this.access.assertMember(actor, need.organizationId, manager, { toRead: true });
      }
      const query = manager
        .createQueryBuilder(PledgeEntity, 'pledge')
        .where('pledge.needId = :needId', { needId });
      const result = await paginate(query, newestFirst, page);
      const names = await displayNames(
        manager,
        result.items.flatMap((pledge) => (pledge.volunteerId ? [pledge.volunteerId] : [])),
      );
      return {
        items: result.items.map((pledge) => ({
          ...pledgeView(pledge),
          volunteer: pledge.volunteerId
            ? { id: pledge.volunteerId, displayName: names.get(pledge.volunteerId) ?? '' }
            : null,
        })),
        nextCursor: result.nextCursor,
      };
    });
  }

  /** The caller's own pledges, newest first. */
  async listMine(actor: Actor, page: PageQuery): Promise<Page<PledgeView>> {
    return this.transactions.run(async (manager) => {
      const query = manager
        .createQueryBuilder(PledgeEntity, 'pledge')
        .where('pledge.volunteerId = :volunteerId', { volunteerId: actor.id });
      const result = await paginate(query, newestFirst, page);
      return { items: result.items.map(pledgeView), nextCursor: result.nextCursor };
    });
  }

  /** Every pledge the caller made, for their data export. */
  async exportFor(actor: Actor): Promise<PledgeView[]> {
    const pledges = await this.transactions.run((manager) =>
      manager.find(PledgeEntity, { where: { volunteerId: actor.id }, order: { createdAt: 'ASC' } }),
    );
    return pledges.map(pledgeView);
  }

  private async lockNeed(needId: string, manager: EntityManager): Promise<NeedEntity> {
    const need = await manager.findOne(NeedEntity, {
      where: { id: needId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!need) throw CommonErrors.notFound('need');
    return need;
  }

  /**
   * Locks a pledge the caller may at least see (its pledger, or someone who may read its need) and
   * its need. The need is locked first, in the same order as pledging and cancelling a need, so these
   * never deadlock one another.
   */
  private async lockPledge(actor: Actor, pledgeId: string, manager: EntityManager) {
    const found = await manager.findOneBy(PledgeEntity, { id: pledgeId });
    if (!found) throw CommonErrors.notFound('pledge');
    const need = await this.lockNeed(found.needId, manager);
    const pledge = await manager.findOneOrFail(PledgeEntity, {
      where: { id: pledgeId },
      lock: { mode: 'pessimistic_write' },
    });
    if (pledge.volunteerId !== actor.id) {
      // Another volunteer's pledge is not theirs to see: it answers as if it did not exist.
      const stranger =
        actor.role === 'volunteer' || !(await this.access.mayRead(actor, need.organizationId, manager));
      if (stranger) throw CommonErrors.notFound('pledge');
    }
    return { pledge, need };
  }
}

const newestFirst = {
  columns: [
    { expression: 'pledge.createdAt', direction: 'DESC' as const, value: (p: PledgeEntity) => p.createdAt },
    { expression: 'pledge.id', direction: 'DESC' as const, value: (p: PledgeEntity) => p.id },
  ],
};
