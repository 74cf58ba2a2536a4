import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, AppConfig, SuppressionThresholds } from '@haven/core';
import { placeNames } from '@haven/organizations';
import { NeedEntity } from './entities/need.entity';
import { NeedItemEntity } from './entities/need-item.entity';
import { NeedView, needView } from './need.views';
import { OrganizationRecordAccess } from './organization-record-access';

/** Needs as the caller may see them: items, open task counts, names; small cells suppressed. */
@Injectable()
export class NeedViews {
  private readonly thresholds: SuppressionThresholds;

  constructor(
    private readonly access: OrganizationRecordAccess,
    config: AppConfig,
  ) {
    this.thresholds = {
      standard: config.SMALL_CELL_THRESHOLD,
      sensitive: config.SMALL_CELL_THRESHOLD_SENSITIVE,
    };
  }

  async one(actor: Actor, need: NeedEntity, manager: EntityManager): Promise<NeedView> {
    const [view] = await this.many(actor, [need], manager);
    return view;
  }

  /** Views of a page of needs, with their items, task counts, organisation and camp names in four queries. */
  async many(actor: Actor, needs: NeedEntity[], manager: EntityManager): Promise<NeedView[]> {
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
    const names = await placeNames(
      manager,
      needs.map((need) => need.organizationId),
      needs.map((need) => need.campId),
    );
    const membership = await this.access.ownOrganizationId(actor, manager);
    const counts = new Map(taskCounts.map((row) => [row.need_id, row.count]));
    return needs.map((need) =>
      needView(
        need,
        {
          organizationName: names.organizationName(need.organizationId),
          campName: names.campName(need.campId),
          items: items.filter((item) => item.needId === need.id),
          taskCount: counts.get(need.id) ?? 0,
        },
        membership === need.organizationId,
        this.thresholds,
      ),
    );
  }
}
