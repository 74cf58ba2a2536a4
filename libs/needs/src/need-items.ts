import { EntityManager, In } from 'typeorm';
import { CommonErrors } from '@haven/core';
import { NeedEntity } from './entities/need.entity';
import { NeedItemEntity } from './entities/need-item.entity';
import { PledgeEntity } from './entities/pledge.entity';
import { NeedErrors } from './needs.errors';

export interface ItemInput {
  /** Present to change an existing item; absent to add one. */
  id?: string;
  name: string;
  unit: string;
  quantity: number;
}

/**
 * Applies an item list: entries with an id change that item, entries without one add an item, and
 * items left out are removed unless they were ever pledged. An item keeps at least what is pledged.
 */
export async function writeItems(
  manager: EntityManager,
  need: NeedEntity,
  items: ItemInput[],
): Promise<void> {
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
  if (await manager.existsBy(PledgeEntity, { itemId: In(removed) })) throw NeedErrors.itemHasPledges('items');
  await manager.delete(NeedItemEntity, { id: In(removed) });
}

/** A need whose every item is fully pledged is `filled`; one that has room again is `open`. */
export async function refreshFilled(manager: EntityManager, need: NeedEntity): Promise<void> {
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

function pick(input: ItemInput) {
  return { name: input.name, unit: input.unit, quantity: input.quantity };
}
