import { EntityManager } from 'typeorm';

export interface NotificationInput {
  outboxId: string;
  userId: string;
  type: string;
  title: string;
  body: string;
  inApp: boolean;
}

const key = (outboxId: string, userId: string) => `${outboxId}:${userId}`;

/**
 * Writes the notifications of a batch in one statement, each at most once (unique per outbox row
 * and user), and returns the id of every one asked for, whether written now or by an earlier run.
 */
export async function writeNotifications(
  manager: EntityManager,
  inputs: NotificationInput[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (inputs.length === 0) return ids;
  const rows: { id: string; outbox_id: string; user_id: string }[] = await manager.query(
    `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[])
         AS i (outbox_id, user_id, type, title, body, in_app)
     ), inserted AS (
       INSERT INTO notifications (outbox_id, user_id, type, title, body, in_app)
       SELECT outbox_id, user_id, type, title, body, in_app FROM input
       ON CONFLICT (outbox_id, user_id) DO NOTHING
       RETURNING id, outbox_id, user_id)
     SELECT id, outbox_id, user_id FROM inserted
     UNION ALL
     SELECT n.id, n.outbox_id, n.user_id FROM notifications n
       JOIN input i ON i.outbox_id = n.outbox_id AND i.user_id = n.user_id`,
    [
      inputs.map((input) => input.outboxId),
      inputs.map((input) => input.userId),
      inputs.map((input) => input.type),
      inputs.map((input) => input.title),
      inputs.map((input) => input.body),
      inputs.map((input) => input.inApp),
    ],
  );
  for (const row of rows) ids.set(key(row.outbox_id, row.user_id), row.id);
  // A concurrent run committed some after this statement's snapshot: read those now.
  const missing = inputs.filter((input) => !ids.has(key(input.outboxId, input.userId)));
  if (missing.length > 0) {
    const late: { id: string; outbox_id: string; user_id: string }[] = await manager.query(
      `SELECT n.id, n.outbox_id, n.user_id FROM notifications n
         JOIN unnest($1::uuid[], $2::uuid[]) AS i (outbox_id, user_id)
           ON i.outbox_id = n.outbox_id AND i.user_id = n.user_id`,
      [missing.map((input) => input.outboxId), missing.map((input) => input.userId)],
    );
    for (const row of late) ids.set(key(row.outbox_id, row.user_id), row.id);
  }
  return ids;
}

export const notificationKey = key;

/** Pending e-mail deliveries for the given notifications, in one statement (an existing one is kept). */
export async function planEmails(manager: EntityManager, notificationIds: string[]): Promise<void> {
  if (notificationIds.length === 0) return;
  await manager.query(
    `INSERT INTO notification_deliveries (notification_id, channel, status)
     SELECT id, 'email', 'pending' FROM unnest($1::uuid[]) AS id
     ON CONFLICT DO NOTHING`,
    [notificationIds],
  );
}
