import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, CommonErrors, Page, PageQuery, paginate, TransactionService } from '@haven/core';
import { NotificationPreferencesEntity } from './entities/notification-preferences.entity';
import { NotificationEntity } from './entities/notification.entity';

/** What a notification is about, for a link to it. */
export interface NotificationSubject {
  type: 'task' | 'need' | 'organization';
  id: string;
}

export function notificationView(notification: NotificationEntity, subject: NotificationSubject | null) {
  return {
    id: notification.id,
    type: notification.type,
    title: notification.title,
    body: notification.body,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
    subject,
  };
}

export type NotificationView = ReturnType<typeof notificationView>;

/**
 * The views of notifications with their subjects, read from the payloads of the events that made
 * them (one query for the page): the task if the event names one, else the need, else the
 * organisation; none for an event about several (a digest, a review reminder).
 */
async function views(
  manager: EntityManager,
  notifications: NotificationEntity[],
): Promise<NotificationView[]> {
  const outboxIds = [...new Set(notifications.map((notification) => notification.outboxId))];
  const rows: { id: string; task: string | null; need: string | null; organization: string | null }[] =
    outboxIds.length === 0
      ? []
      : await manager.query(
          `SELECT id, payload->>'taskId' AS task, payload->>'needId' AS need,
                  payload->>'organizationId' AS organization
             FROM outbox WHERE id = ANY($1::uuid[])`,
          [outboxIds],
        );
  const subjects = new Map(
    rows.map((row): [string, NotificationSubject | null] => [
      row.id,
      row.task
        ? { type: 'task', id: row.task }
        : row.need
          ? { type: 'need', id: row.need }
          : row.organization
            ? { type: 'organization', id: row.organization }
            : null,
    ]),
  );
  return notifications.map((notification) =>
    notificationView(notification, subjects.get(notification.outboxId) ?? null),
  );
}

/** The in-app feed: a user's own notifications, newest first. */
@Injectable()
export class FeedService {
  constructor(private readonly transactions: TransactionService) {}

  list(actor: Actor, unread: boolean | undefined, page: PageQuery): Promise<Page<NotificationView>> {
    return this.transactions.run(async (manager) => {
      const query = manager
        .createQueryBuilder(NotificationEntity, 'notification')
        .where('notification.userId = :userId AND notification.inApp', { userId: actor.id });
      if (unread === true) query.andWhere('notification.readAt IS NULL');
      if (unread === false) query.andWhere('notification.readAt IS NOT NULL');
      const result = await paginate(
        query,
        {
          columns: [
            { expression: 'notification.createdAt', direction: 'DESC', value: (row) => row.createdAt },
            { expression: 'notification.id', direction: 'DESC', value: (row) => row.id },
          ],
        },
        page,
      );
      return { items: await views(manager, result.items), nextCursor: result.nextCursor };
    });
  }

  /** How many in-app notifications the caller has not read: the bell's badge. */
  async unreadCount(actor: Actor): Promise<{ count: number }> {
    const count = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder(NotificationEntity, 'notification')
        .where('notification.userId = :userId AND notification.inApp AND notification.readAt IS NULL', {
          userId: actor.id,
        })
        .getCount(),
    );
    return { count };
  }

  async markRead(actor: Actor, notificationId: string): Promise<void> {
    const result = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({ readAt: () => 'coalesce(read_at, now())' })
        .where('id = :notificationId AND userId = :userId AND inApp', { notificationId, userId: actor.id })
        .execute(),
    );
    // Another user's notification answers exactly like one that does not exist.
    if (result.affected === 0) throw CommonErrors.notFound('notification');
  }

  /** The caller's notifications and preferences, for their data export. */
  exportFor(actor: Actor) {
    return this.transactions.run(async (manager) => ({
      notificationPreferences: await manager.findOneBy(NotificationPreferencesEntity, { userId: actor.id }),
      notifications: await views(
        manager,
        await manager.find(NotificationEntity, { where: { userId: actor.id }, order: { createdAt: 'ASC' } }),
      ),
    }));
  }

  async markAllRead(actor: Actor): Promise<void> {
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({ readAt: () => 'now()' })
        .where('userId = :userId AND readAt IS NULL', { userId: actor.id })
        .execute(),
    );
  }
}
