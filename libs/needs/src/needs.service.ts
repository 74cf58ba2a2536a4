import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  Actor,
  AppConfig,
  AuditLogService,
  CommonErrors,
  NeedCategory,
  OutboxEvent,
  OutboxWriter,
  Page,
  PageQuery,
  paginate,
  SuppressionThresholds,
  TransactionService,
} from '@haven/core';
import { CampEntity } from '@haven/organizations';
import { AgeGroup, NeedEntity, NeedStatus, Urgency } from './entities/need.entity';
import { NeedItemEntity } from './entities/need-item.entity';
import { PledgeEntity } from './entities/pledge.entity';
import { TaskEntity } from './entities/task.entity';
import { NeedAccess } from './need-access';
import { NeedView, needView } from './need.views';
import { NeedErrors } from './needs.errors';
import { TASK_PARTICIPANTS, TaskParticipants } from './task-participants';

export interface ItemInput {
  /** Present to change an existing item; absent to add one. */
  id?: string;
  name: string;
  unit: string;
  quantity: number;
}

export interface NeedInput {
  campId: string;
  category: NeedCategory;
  title: string;
  description: string;
  urgency: Urgency;
  beneficiaries?: { count: number; ageGroup: AgeGroup } | null;
  startsOn?: string | null;
  endsOn?: string | null;
  items?: ItemInput[];
}

export interface NeedFilter {
  category?: NeedCategory;
  campId?: string;
  status?: NeedStatus;
  urgency?: Urgency;
  organizationId?: string;
  q?: string;
  sort?: 'newest' | 'urgency';
}

@Injectable()
export class NeedsService {
  private readonly thresholds: SuppressionThresholds;

  constructor(
    private readonly access: NeedAccess,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    private readonly transactions: TransactionService,
    config: AppConfig,
    @Optional() @Inject(TASK_PARTICIPANTS) private readonly participants?: TaskParticipants,
  ) {
    this.thresholds = {
      standard: config.SMALL_CELL_THRESHOLD,
      sensitive: config.SMALL_CELL_THRESHOLD_SENSITIVE,
    };
  }

  create(actor: Actor, input: NeedInput): Promise<NeedView> {
    return this.transactions.run(async (manager) => {
      const membership = await this.access.postingMembership(actor, manager);
      await this.assertCamp(input.campId, manager);
      assertDateRange(input.startsOn, input.endsOn);
      const need = await manager.save(
        manager.create(NeedEntity, {
          organizationId: membership.organizationId,
          campId: input.campId,
          category: input.category,
          title: input.title,
          description: input.description,
          urgency: input.urgency,
          ...beneficiaryColumns(input.beneficiaries),
          startsOn: input.startsOn ?? null,
          endsOn: input.endsOn ?? null,
          status: 'open',
          statusReason: null,
          createdBy: actor.id,
        }),
      );
      await this.writeItems(need, input.items ?? [], manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'need.created',
        entity: 'need',
        entityId: need.id,
        summary: `Need posted (${need.category}, ${need.urgency})`,
      });
      return this.view(actor, need, manager);
    });
  }

  async get(actor: Actor, needId: string): Promise<NeedView> {
    return this.transactions.read(async (manager) =>
      this.view(actor, await this.access.readable(actor, needId, manager), manager),
    );
  }

  async update(actor: Actor, needId: string, input: Partial<NeedInput>): Promise<NeedView> {
    return this.transactions.run(async (manager) => {
      const need = await this.access.changeable(actor, needId, manager);
      if (need.status === 'closed' || need.status === 'cancelled') throw NeedErrors.needNotOpen(need.status);
      const moved = input.campId !== undefined && input.campId !== need.campId;
      if (input.campId !== undefined && moved) await this.assertCamp(input.campId, manager);
      const { items, beneficiaries, ...fields } = input;
      Object.assign(need, fields);
      if (beneficiaries !== undefined) Object.assign(need, beneficiaryColumns(beneficiaries));
      assertDateRange(need.startsOn, need.endsOn);
      await manager.save(need);
      if (input.campId !== undefined || input.category !== undefined) {
        // Tasks carry their need's camp and category for the task list's indexes; keep them in step.
        await manager.update(
          TaskEntity,
          { needId: need.id },
          { campId: need.campId, category: need.category },
        );
      }
      if (moved) await this.notifyMoved(need, manager);
      if (items !== undefined) {
        await this.writeItems(need, items, manager);
        await this.refreshFilled(need, manager);
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'need.updated',
        entity: 'need',
        entityId: need.id,
        summary: `Need updated (${Object.keys(input).sort().join(', ')})`,
      });
      return this.view(actor, need, manager);
    });
  }

  close(actor: Actor, needId: string, reason?: string): Promise<NeedView> {
    return this.finish(actor, needId, 'closed', reason);
  }

  cancel(actor: Actor, needId: string, reason?: string): Promise<NeedView> {
    return this.finish(actor, needId, 'cancelled', reason);
  }

  async list(actor: Actor, filter: NeedFilter, page: PageQuery): Promise<Page<NeedView>> {
    return this.transactions.read(async (manager) => {
      const query = manager.createQueryBuilder(NeedEntity, 'need');
      query.where('need.status = :status', { status: filter.status ?? 'open' });
      const visibility = await this.access.visibilityFilter(actor, 'need.organizationId', manager);
      if (visibility) query.andWhere(visibility.sql, visibility.params);
      if (filter.category) query.andWhere('need.category = :category', { category: filter.category });
      if (filter.campId) query.andWhere('need.campId = :campId', { campId: filter.campId });
      if (filter.urgency) query.andWhere('need.urgency = :urgency', { urgency: filter.urgency });
      if (filter.organizationId) {
        query.andWhere('need.organizationId = :organizationId', { organizationId: filter.organizationId });
      }
      if (filter.q) {
        query.andWhere(`need.search @@ websearch_to_tsquery('english', :q)`, { q: filter.q });
      }
      const byUrgency = filter.sort === 'urgency';
      const result = await paginate(
        query,
        {
          columns: [
            ...(byUrgency
              ? [
                  {
                    expression: 'need.urgencyRank',
                    direction: 'DESC' as const,
                    value: (n: NeedEntity) => n.urgencyRank,
                  },
                ]
              : []),
            { expression: 'need.createdAt', direction: 'DESC', value: (n) => n.createdAt },
            { expression: 'need.id', direction: 'DESC', value: (n) => n.id },
          ],
        },
        page,
      );
      return { items: await this.views(actor, result.items, manager), nextCursor: result.nextCursor };
    });
  }

  /**
   * Inside the transaction that closes an organisation (its only member deleted their account):
   * its open and filled needs are cancelled with their tasks and live pledges, everyone involved
   * told, as when a coordinator cancels a need; then any other upcoming open task of it.
   */
  async cancelAllOf(manager: EntityManager, organizationId: string, actorId: string): Promise<void> {
    const needs = await manager.find(NeedEntity, {
      where: { organizationId, status: In(['open', 'filled']) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const need of needs) {
      need.status = 'cancelled';
      need.statusReason = 'The organisation closed';
      await manager.save(need);
      await this.cancelDependants(need, manager);
      await this.audit.record(manager, {
        actorId,
        action: 'need.cancelled',
        entity: 'need',
        entityId: need.id,
        summary: 'Need cancelled: organisation closed',
      });
    }
    const cancelled = await manager
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ status: 'cancelled', statusReason: 'The organisation closed' })
      .where(`organizationId = :organizationId AND status = 'open' AND endsAt > now()`, { organizationId })
      .returning(['id', 'needId'])
      .execute();
    const tasks = cancelled.raw as { id: string; need_id: string }[];
    for (const task of tasks) {
      await this.outbox.write(manager, {
        type: OutboxEvent.TaskCancelled,
        recipientIds: (await this.participants?.liveVolunteers(manager, [task.id])) ?? [],
        payload: { taskId: task.id, needId: task.need_id },
      });
    }
  }

  /** Close or cancel. Cancelling also cancels the need's tasks and live pledges, and tells everyone involved. */
  private finish(
    actor: Actor,
    needId: string,
    to: 'closed' | 'cancelled',
    reason?: string,
  ): Promise<NeedView> {
    return this.transactions.run(async (manager) => {
      const need = await this.access.changeable(actor, needId, manager);
      if (need.status !== 'open' && need.status !== 'filled') {
        throw NeedErrors.illegalTransition(need.status, to);
      }
      need.status = to;
      need.statusReason = reason ?? null;
      await manager.save(need);
      if (to === 'cancelled') await this.cancelDependants(need, manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: `need.${to}`,
        entity: 'need',
        entityId: need.id,
        summary: to === 'closed' ? 'Need closed' : 'Need cancelled',
      });
      return this.view(actor, need, manager);
    });
  }

  private async cancelDependants(need: NeedEntity, manager: EntityManager): Promise<void> {
    const tasks = await manager
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ status: 'cancelled', statusReason: 'The need was cancelled' })
      .where(`needId = :needId AND status = 'open'`, { needId: need.id })
      .returning(['id'])
      .execute();
    const taskIds = (tasks.raw as { id: string }[]).map((row) => row.id);
    const signedUp = (await this.participants?.liveVolunteers(manager, taskIds)) ?? [];
    const cancelled = await manager
      .createQueryBuilder()
      .update(PledgeEntity)
      .set({ status: 'cancelled' })
      .where(`needId = :needId AND status = 'pledged'`, { needId: need.id })
      .returning(['volunteerId'])
      .execute();
    const pledgers = (cancelled.raw as { volunteer_id: string | null }[]).flatMap((row) =>
      row.volunteer_id ? [row.volunteer_id] : [],
    );
    await manager.query(`UPDATE need_items SET pledged = delivered WHERE need_id = $1`, [need.id]);
    await this.outbox.write(manager, {
      type: OutboxEvent.NeedCancelled,
      recipientIds: [...pledgers, ...signedUp],
      payload: { needId: need.id, organizationId: need.organizationId },
    });
  }

  /** A need that moves camp moves its open tasks: everyone signed up to them is told. */
  private async notifyMoved(need: NeedEntity, manager: EntityManager): Promise<void> {
    const tasks = await manager.find(TaskEntity, { where: { needId: need.id, status: 'open' } });
    for (const task of tasks) {
      await this.outbox.write(manager, {
        type: OutboxEvent.TaskChanged,
        recipientIds: (await this.participants?.liveVolunteers(manager, [task.id])) ?? [],
        payload: { taskId: task.id, needId: need.id, change: 'place' },
      });
    }
  }

  /**
   * Applies an item list: entries with an id change that item, entries without one add an item, and
   * items left out are removed unless they were ever pledged. An item keeps at least what is pledged.
   */
  private async writeItems(need: NeedEntity, items: ItemInput[], manager: EntityManager): Promise<void> {
    const existing = await manager.find(NeedItemEntity, {
      where: { needId: need.id },
      lock: { mode: 'pessimistic_write' },
    });
    const byId = new Map(existing.map((item) => [item.id, item]));
    const kept = new Set<string>();
    for (const [position, input] of items.entries()) {
      if (input.id) {
        const item = byId.get(input.id);
        if (!item)
          throw CommonErrors.validation([
            { field: `items.${position}.id`, message: 'is not an item of this need' },
          ]);
        if (input.quantity < item.pledged) throw NeedErrors.itemHasPledges(`items.${position}.quantity`);
        kept.add(item.id);
        await manager.update(NeedItemEntity, item.id, { ...pick(input), position });
      } else {
        await manager.insert(NeedItemEntity, { ...pick(input), needId: need.id, position });
      }
    }
    const removed = existing.filter((item) => !kept.has(item.id)).map((item) => item.id);
    if (removed.length === 0) return;
    // Any pledge, even a cancelled one, is part of a volunteer's history: such an item stays.
    if (await manager.existsBy(PledgeEntity, { itemId: In(removed) }))
      throw NeedErrors.itemHasPledges('items');
    await manager.delete(NeedItemEntity, { id: In(removed) });
  }

  /** A need whose every item is fully pledged is `filled`; one that has room again is `open`. */
  async refreshFilled(need: NeedEntity, manager: EntityManager): Promise<void> {
    if (need.status !== 'open' && need.status !== 'filled') return;
    const [row] = await manager.query(
      `SELECT count(*)::int AS items, count(*) FILTER (WHERE pledged < quantity)::int AS open
         FROM need_items WHERE need_id = $1`,
      [need.id],
    );
    const status = row.items > 0 && row.open === 0 ? 'filled' : 'open';
    if (status !== need.status) {
      need.status = status;
      await manager.update(NeedEntity, need.id, { status });
    }
  }

  private async assertCamp(campId: string, manager: EntityManager): Promise<void> {
    if (!(await manager.existsBy(CampEntity, { id: campId }))) {
      throw CommonErrors.validation([{ field: 'campId', message: 'is not a camp Haven knows' }]);
    }
  }

  private async view(actor: Actor, need: NeedEntity, manager: EntityManager): Promise<NeedView> {
    const [view] = await this.views(actor, [need], manager);
    return view;
  }

  /** Views of a page of needs, with their items, task counts, organisation and camp names in four queries. */
  private async views(actor: Actor, needs: NeedEntity[], manager: EntityManager): Promise<NeedView[]> {
    if (needs.length === 0) return [];
    const ids = needs.map((need) => need.id);
    // One after another: the queries share the transaction's connection.
    const items = await manager.find(NeedItemEntity, {
      where: { needId: In(ids) },
      order: { position: 'ASC' },
    });
    const taskCounts: { need_id: string; count: number }[] = await manager.query(
      `SELECT need_id, count(*)::int AS count FROM tasks WHERE need_id = ANY($1) AND status = 'open' GROUP BY need_id`,
      [ids],
    );
    const names: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM organizations WHERE id = ANY($1) UNION ALL SELECT id, name FROM camps WHERE id = ANY($2)`,
      [
        [...new Set(needs.map((need) => need.organizationId))],
        [...new Set(needs.map((need) => need.campId))],
      ],
    );
    const membership = await this.access.ownOrganizationId(actor, manager);
    const nameOf = new Map(names.map((row) => [row.id, row.name]));
    const counts = new Map(taskCounts.map((row) => [row.need_id, row.count]));
    return needs.map((need) =>
      needView(
        need,
        {
          organizationName: nameOf.get(need.organizationId) ?? '',
          campName: nameOf.get(need.campId) ?? '',
          items: items.filter((item) => item.needId === need.id),
          taskCount: counts.get(need.id) ?? 0,
        },
        membership === need.organizationId,
        this.thresholds,
      ),
    );
  }
}

function beneficiaryColumns(beneficiaries: NeedInput['beneficiaries']) {
  return {
    beneficiaryCount: beneficiaries?.count ?? null,
    beneficiaryAgeGroup: beneficiaries?.ageGroup ?? null,
  };
}

function assertDateRange(startsOn?: string | null, endsOn?: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn) {
    throw CommonErrors.validation([{ field: 'endsOn', message: 'must be on or after startsOn' }]);
  }
}

function pick(input: ItemInput) {
  return { name: input.name, unit: input.unit, quantity: input.quantity };
}
