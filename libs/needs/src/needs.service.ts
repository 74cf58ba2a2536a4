import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
import { campExists } from '@haven/organizations';
import { AgeGroup, NeedEntity, NeedStatus, Urgency } from './entities/need.entity';
import { TaskEntity } from './entities/task.entity';
import { NeedCascade } from './need-cascade';
import { ItemInput, refreshFilled, writeItems } from './need-items';
import { NeedViews } from './need-views.service';
import { NeedView } from './need.views';
import { NeedErrors } from './needs.errors';
import { OrganizationRecordAccess } from './organization-record-access';

export type { ItemInput } from './need-items';

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

/** Needs: posting, changing, closing and cancelling them, and the list. */
@Injectable()
export class NeedsService {
  constructor(
    private readonly access: OrganizationRecordAccess,
    private readonly audit: AuditLogService,
    private readonly transactions: TransactionService,
    private readonly cascade: NeedCascade,
    private readonly views: NeedViews,
  ) {}

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
      await writeItems(manager, need, input.items ?? []);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'need.created',
        entity: 'need',
        entityId: need.id,
        summary: `Need posted (${need.category}, ${need.urgency})`,
      });
      return this.views.one(actor, need, manager);
    });
  }

  async get(actor: Actor, needId: string): Promise<NeedView> {
    return this.transactions.read(async (manager) =>
      this.views.one(actor, await this.access.readableNeed(actor, needId, manager), manager),
    );
  }

  async update(actor: Actor, needId: string, input: Partial<NeedInput>): Promise<NeedView> {
    return this.transactions.run(async (manager) => {
      const need = await this.access.changeableNeed(actor, needId, manager);
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
      if (moved) await this.cascade.moved(need, manager);
      if (items !== undefined) {
        await writeItems(manager, need, items);
        await refreshFilled(manager, need);
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'need.updated',
        entity: 'need',
        entityId: need.id,
        summary: `Need updated (${Object.keys(input).sort().join(', ')})`,
      });
      return this.views.one(actor, need, manager);
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
      return { items: await this.views.many(actor, result.items, manager), nextCursor: result.nextCursor };
    });
  }

  /**
   * Inside the transaction that closes an organisation (its only member deleted their account):
   * everything it had open is cancelled (NeedCascade.organizationClosed).
   */
  cancelAllOf(manager: EntityManager, organizationId: string, actorId: string): Promise<void> {
    return this.cascade.organizationClosed(manager, organizationId, actorId);
  }

  /** Close or cancel. Cancelling also cancels the need's tasks and live pledges, and tells everyone involved. */
  private finish(
    actor: Actor,
    needId: string,
    to: 'closed' | 'cancelled',
    reason?: string,
  ): Promise<NeedView> {
    return this.transactions.run(async (manager) => {
      const need = await this.access.changeableNeed(actor, needId, manager);
      if (need.status !== 'open' && need.status !== 'filled') {
        throw NeedErrors.illegalTransition(need.status, to);
      }
      need.status = to;
      need.statusReason = reason ?? null;
      await manager.save(need);
      if (to === 'cancelled') await this.cascade.cancelled(need, manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: `need.${to}`,
        entity: 'need',
        entityId: need.id,
        summary: to === 'closed' ? 'Need closed' : 'Need cancelled',
      });
      return this.views.one(actor, need, manager);
    });
  }

  private async assertCamp(campId: string, manager: EntityManager): Promise<void> {
    if (!(await campExists(manager, campId))) {
      throw CommonErrors.validation([{ field: 'campId', message: 'is not a camp Haven knows' }]);
    }
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
