import { SuppressedCount, suppressCount, SuppressionThresholds, thresholdFor } from '@haven/core';
import { NeedEntity } from './entities/need.entity';
import { NeedItemEntity } from './entities/need-item.entity';

export interface NeedContext {
  organizationName: string;
  campName: string;
  items: NeedItemEntity[];
  taskCount: number;
}

export function itemView(item: NeedItemEntity) {
  return {
    id: item.id,
    name: item.name,
    unit: item.unit,
    quantity: item.quantity,
    pledged: item.pledged,
    delivered: item.delivered,
    remaining: item.quantity - item.pledged,
  };
}

/**
 * A need as `viewer` may see it. Beneficiary counts leave the owning organisation suppressed when
 * small (DESIGN.md, Privacy 3): only its own members see the exact figure.
 */
export function needView(
  need: NeedEntity,
  context: NeedContext,
  ownOrganization: boolean,
  thresholds: SuppressionThresholds,
) {
  let count: SuppressedCount | null = need.beneficiaryCount;
  if (count !== null && !ownOrganization) {
    count = suppressCount(count, thresholdFor(thresholds, need.category));
  }
  return {
    id: need.id,
    organizationId: need.organizationId,
    organizationName: context.organizationName,
    campId: need.campId,
    campName: context.campName,
    category: need.category,
    title: need.title,
    description: need.description,
    urgency: need.urgency,
    beneficiaries: count === null ? null : { count, ageGroup: need.beneficiaryAgeGroup },
    startsOn: need.startsOn,
    endsOn: need.endsOn,
    status: need.status,
    statusReason: need.statusReason,
    items: context.items.map(itemView),
    taskCount: context.taskCount,
    createdAt: need.createdAt,
    updatedAt: need.updatedAt,
  };
}

export type NeedView = ReturnType<typeof needView>;
