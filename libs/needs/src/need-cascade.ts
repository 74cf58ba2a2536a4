import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditLogService, OutboxEvent, OutboxWriter } from '@haven/core';
import { NeedEntity } from './entities/need.entity';
import { PledgeEntity } from './entities/pledge.entity';
import { TaskEntity } from './entities/task.entity';
import { TASK_PARTICIPANTS, TaskParticipants } from './task-participants';

/** What a change to a need does to what hangs off it: its tasks, their sign-ups, its pledges. */
@Injectable()
export class NeedCascade {
  constructor(
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    @Inject(TASK_PARTICIPANTS) private readonly participants: TaskParticipants,
  ) {}

  /** A cancelled need cancels its open tasks and live pledges, and tells everyone involved. */
  async cancelled(need: NeedEntity, manager: EntityManager): Promise<void> {
    const tasks = await manager
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ status: 'cancelled', statusReason: 'The need was cancelled' })
      .where(`needId = :needId AND status = 'open'`, { needId: need.id })
      .returning(['id'])
      .execute();
    const taskIds = (tasks.raw as { id: string }[]).map((row) => row.id);
    const signedUp = await this.participants.liveVolunteers(manager, taskIds);
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
  async moved(need: NeedEntity, manager: EntityManager): Promise<void> {
    const tasks = await manager.find(TaskEntity, { where: { needId: need.id, status: 'open' } });
    for (const task of tasks) {
      await this.outbox.write(manager, {
        type: OutboxEvent.TaskChanged,
        recipientIds: await this.participants.liveVolunteers(manager, [task.id]),
        payload: { taskId: task.id, needId: need.id, change: 'place' },
      });
    }
  }

  /**
   * Inside the transaction that closes an organisation (its only member deleted their account):
   * its open and filled needs are cancelled with their tasks and live pledges, everyone involved
   * told, as when a coordinator cancels a need; then any other upcoming open task of it.
   */
  async organizationClosed(manager: EntityManager, organizationId: string, actorId: string): Promise<void> {
    const needs = await manager.find(NeedEntity, {
      where: { organizationId, status: In(['open', 'filled']) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const need of needs) {
      need.status = 'cancelled';
      need.statusReason = 'The organisation closed';
      await manager.save(need);
      await this.cancelled(need, manager);
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
        recipientIds: await this.participants.liveVolunteers(manager, [task.id]),
        payload: { taskId: task.id, needId: task.need_id },
      });
    }
  }
}
