import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isOutboxEvent, OutboxEvent, OutboxRecord, OutboxRow } from './outbox-events';

export * from './outbox-events';

/**
 * Writes an outbox row in the caller's transaction, so a notification exists if and only if the
 * state change it announces committed. Contexts call this; none of them knows the notifier.
 */
@Injectable()
export class OutboxWriter {
  async write<E extends OutboxEvent>(manager: EntityManager, record: OutboxRecord<E>): Promise<void> {
    if (record.recipientIds.length === 0) return;
    await manager.query(
      `INSERT INTO outbox (id, event_type, recipient_ids, payload)
       VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [record.id ?? null, record.type, [...new Set(record.recipientIds)], JSON.stringify(record.payload)],
    );
  }
}

/**
 * For a statement that must write its outbox rows itself (the sign-up writer's one round trip):
 * inserts the rows `select` yields, as (event_type, recipient_ids, payload), with fresh ids.
 * As with `OutboxWriter.write`, the caller leaves out rows with no recipients.
 */
export const OutboxSql = {
  insert: (select: string) => `INSERT INTO outbox (event_type, recipient_ids, payload) ${select}`,
};

/**
 * Reads outbox rows by id, in the order asked, as the typed union. A row whose event this build
 * does not know fails here, before anyone is written to (a newer producer than this worker).
 */
export async function readOutbox(manager: EntityManager, ids: string[]): Promise<OutboxRow[]> {
  if (ids.length === 0) return [];
  const rows: { id: string; event_type: string; recipient_ids: string[]; payload: unknown }[] =
    await manager.query(
      `SELECT o.id, o.event_type, o.recipient_ids, o.payload
         FROM unnest($1::uuid[]) WITH ORDINALITY AS asked (id, position)
         JOIN outbox o ON o.id = asked.id ORDER BY asked.position`,
      [ids],
    );
  return rows.map((row) => {
    if (!isOutboxEvent(row.event_type)) throw new Error(`Unknown outbox event ${row.event_type}`);
    return {
      id: row.id,
      type: row.event_type,
      recipientIds: row.recipient_ids,
      payload: row.payload,
    } as OutboxRow;
  });
}
