import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AuditLogService,
  CommonErrors,
  OutboxEvent,
  OutboxWriter,
  NeedCategory,
  Page,
  PageQuery,
  TransactionService,
} from '@haven/core';
import { SignupMode, TaskEntity } from './entities/task.entity';
import { OrganizationRecordAccess } from './organization-record-access';
import { NeedErrors } from './needs.errors';
import { listTasks } from './task-list.query';
import { placeNames } from '@haven/organizations';
import { TASK_PARTICIPANTS, TaskParticipants } from './task-participants';
import { TaskView, taskView } from './task.views';

export interface TaskInput {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  skills: string[];
  languages: string[];
  remote: boolean;
  signupMode: SignupMode;
  requiresSafeguarding: boolean;
}

export interface TaskFilter {
  campId?: string;
  category?: NeedCategory;
  skill?: string;
  language?: string;
  remote?: boolean;
  from?: Date;
  to?: Date;
  hasSpace?: boolean;
  needId?: string;
  organizationId?: string;
}

@Injectable()
export class TasksService {
  constructor(
    private readonly access: OrganizationRecordAccess,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    private readonly transactions: TransactionService,
    @Inject(TASK_PARTICIPANTS) private readonly participants: TaskParticipants,
  ) {}

  create(actor: Actor, needId: string, input: TaskInput): Promise<TaskView> {
    return this.transactions.run(async (manager) => {
      const need = await this.access.changeableNeed(actor, needId, manager);
      if (need.status !== 'open' && need.status !== 'filled') throw NeedErrors.needNotOpen(need.status);
      assertTimes(input.startsAt, input.endsAt);
      const task = await manager.save(
        manager.create(TaskEntity, {
          ...input,
          skills: normaliseSkills(input.skills),
          languages: [...new Set(input.languages)],
          // Safeguarded work is always reviewed: nobody is confirmed before their clearance is checked.
          signupMode: input.requiresSafeguarding ? 'review' : input.signupMode,
          needId: need.id,
          organizationId: need.organizationId,
          campId: need.campId,
          category: need.category,
          status: 'open',
          statusReason: null,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'task.created',
        entity: 'task',
        entityId: task.id,
        summary: `Task created (capacity ${task.capacity}, ${task.signupMode} sign-up)`,
      });
      return this.view(task, manager);
    });
  }

  get(actor: Actor, taskId: string): Promise<TaskView> {
    return this.transactions.read(async (manager) => {
      const task = await manager.findOneBy(TaskEntity, { id: taskId });
      if (!task || !(await this.access.mayRead(actor, task.organizationId, manager))) {
        throw CommonErrors.notFound('task');
      }
      return this.view(task, manager);
    });
  }

  update(actor: Actor, taskId: string, input: Partial<TaskInput>): Promise<TaskView> {
    return this.transactions.run(async (manager) => {
      const task = await this.lockChangeable(actor, taskId, manager);
      const timing =
        input.startsAt !== undefined || input.endsAt !== undefined || input.capacity !== undefined;
      if (timing && task.startsAt.getTime() <= Date.now()) throw NeedErrors.taskStarted();
      const startsAt = input.startsAt ?? task.startsAt;
      const endsAt = input.endsAt ?? task.endsAt;
      if (input.startsAt !== undefined || input.endsAt !== undefined) {
        assertTimes(startsAt, endsAt);
        const conflicts = await this.participants.conflictsIfMoved(manager, task, startsAt, endsAt);
        if (conflicts > 0) throw NeedErrors.movedIntoConflicts(conflicts);
      }
      if (input.capacity !== undefined && input.capacity < task.confirmed) {
        throw NeedErrors.capacityBelowConfirmed(task.confirmed);
      }
      const before = { capacity: task.capacity };
      if (input.requiresSafeguarding && !task.requiresSafeguarding && task.confirmed + task.waitlisted > 0) {
        // Those already holding places were never checked for a clearance.
        throw NeedErrors.safeguardingAfterSignups();
      }
      const requiresSafeguarding = input.requiresSafeguarding ?? task.requiresSafeguarding;
      if (requiresSafeguarding && input.signupMode === 'open') {
        throw CommonErrors.validation([
          { field: 'signupMode', message: 'must be review while the task requires safeguarding' },
        ]);
      }
      // A change of time or place reaches everyone signed up; other edits do not.
      const moved =
        startsAt.getTime() !== task.startsAt.getTime() ||
        endsAt.getTime() !== task.endsAt.getTime() ||
        (input.remote !== undefined && input.remote !== task.remote);
      Object.assign(task, input);
      if (input.skills) task.skills = normaliseSkills(input.skills);
      if (input.languages) task.languages = [...new Set(input.languages)];
      if (requiresSafeguarding) task.signupMode = 'review';
      await manager.save(task);
      if (moved) await this.notifySignedUp(task, OutboxEvent.TaskChanged, manager);
      if (input.capacity !== undefined && input.capacity > before.capacity && task.waitlisted > 0) {
        await this.participants.placesAdded(manager, task);
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'task.updated',
        entity: 'task',
        entityId: task.id,
        summary: `Task updated (${Object.keys(input).sort().join(', ')})`,
      });
      return this.view(task, manager);
    });
  }

  cancel(actor: Actor, taskId: string, reason?: string): Promise<TaskView> {
    return this.transactions.run(async (manager) => {
      const task = await this.lockChangeable(actor, taskId, manager);
      task.status = 'cancelled';
      task.statusReason = reason ?? null;
      await manager.save(task);
      await this.notifySignedUp(task, OutboxEvent.TaskCancelled, manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'task.cancelled',
        entity: 'task',
        entityId: task.id,
        summary: 'Task cancelled',
      });
      return this.view(task, manager);
    });
  }

  /** Upcoming open tasks, soonest first, each filter served by an index (see listTasks). */
  list(actor: Actor, filter: TaskFilter, page: PageQuery): Promise<Page<TaskView>> {
    return this.transactions.read(async (manager) =>
      listTasks(
        manager,
        actor.role === 'admin'
          ? undefined
          : { ownOrganizationId: await this.access.ownOrganizationId(actor, manager) },
        filter,
        page,
      ),
    );
  }

  /** Generic over the one event, so the payload is checked against each event it may be. */
  private async notifySignedUp<E extends OutboxEvent.TaskChanged | OutboxEvent.TaskCancelled>(
    task: TaskEntity,
    type: E,
    manager: EntityManager,
  ): Promise<void> {
    await this.outbox.write<E>(manager, {
      type,
      recipientIds: await this.participants.liveVolunteers(manager, [task.id]),
      payload: { taskId: task.id, needId: task.needId },
    });
  }

  /** Locks a live task whose organisation the caller belongs to (and which is approved). */
  private async lockChangeable(actor: Actor, taskId: string, manager: EntityManager): Promise<TaskEntity> {
    const task = await manager.findOne(TaskEntity, {
      where: { id: taskId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!task) throw CommonErrors.notFound('task');
    await this.access.assertMember(actor, task.organizationId, manager, {
      notVisible: () => CommonErrors.notFound('task'),
    });
    if (task.status === 'cancelled') throw NeedErrors.taskCancelled();
    return task;
  }

  private async view(task: TaskEntity, manager: EntityManager): Promise<TaskView> {
    const [view] = await this.views([task], manager);
    return view;
  }

  /** Views of tasks, in the order given, with their organisation and camp names in two queries. */
  async views(tasks: TaskEntity[], manager: EntityManager): Promise<TaskView[]> {
    if (tasks.length === 0) return [];
    const names = await placeNames(
      manager,
      tasks.map((task) => task.organizationId),
      tasks.map((task) => task.campId),
    );
    return tasks.map((task) =>
      taskView(task, {
        organizationName: names.organizationName(task.organizationId),
        campName: names.campName(task.campId),
        timezone: names.timezone(task.campId),
      }),
    );
  }
}

/** Skills are free tags compared case-insensitively: stored trimmed, lower case and once each. */
export function normaliseSkills(skills: string[]): string[] {
  return [...new Set(skills.map((skill) => skill.trim().toLowerCase()).filter(Boolean))];
}

const MINIMUM_TASK_MS = 15 * 60_000;

function assertTimes(startsAt: Date, endsAt: Date): void {
  if (startsAt.getTime() <= Date.now()) {
    throw CommonErrors.validation([{ field: 'startsAt', message: 'must be in the future' }]);
  }
  if (endsAt.getTime() - startsAt.getTime() < MINIMUM_TASK_MS) {
    throw CommonErrors.validation([
      { field: 'endsAt', message: 'must be at least 15 minutes after startsAt' },
    ]);
  }
}
