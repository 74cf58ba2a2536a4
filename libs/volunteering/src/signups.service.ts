import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  Actor,
  AuditLogService,
  CommonErrors,
  OutboxEvent,
  OutboxWriter,
  TransactionService,
} from '@haven/core';
import { AccountErasure } from '@haven/identity';
import { lockTask, OrganizationRecordAccess, storePlaceCount, TaskEntity } from '@haven/needs';
import { LIVE_SIGNUP_STATUSES, SignupEntity, SignupStatus } from './entities/signup.entity';
import { hasValidClearance, lockVolunteer, overlappingTask } from './signup-rules';
import { SignupWriter } from './signup-writer';
import { VolunteeringErrors } from './volunteering.errors';

/** SQL for a sign-up's 1-based place on its task's waitlist (promotion order), or null; `s` is the row. */
export const WAITLIST_POSITION_SQL = `CASE WHEN s.status = 'waitlisted' THEN
  (SELECT count(*)::int FROM signups w
    WHERE w.task_id = s.task_id AND w.status = 'waitlisted' AND w.seq <= s.seq) END`;

export async function waitlistPosition(manager: EntityManager, signup: SignupEntity): Promise<number | null> {
  if (signup.status !== 'waitlisted') return null;
  const [row] = await manager.query(
    `SELECT ${WAITLIST_POSITION_SQL} AS position FROM signups s WHERE s.id = $1`,
    [signup.id],
  );
  return row?.position ?? null;
}

export function signupView(signup: Omit<SignupEntity, 'seq'>, position: number | null = null) {
  return {
    id: signup.id,
    taskId: signup.taskId,
    volunteerId: signup.volunteerId,
    status: signup.status,
    waitlistPosition: signup.status === 'waitlisted' ? position : null,
    hours: signup.hours,
    createdAt: signup.createdAt,
    updatedAt: signup.updatedAt,
  };
}

export type SignupView = ReturnType<typeof signupView>;

/** The refusals of a sign-up, by SignupWriter's outcome. */
const REFUSALS: Partial<Record<string, () => Error>> = {
  cancelled: VolunteeringErrors.taskCancelled,
  started: VolunteeringErrors.taskStarted,
  already: VolunteeringErrors.alreadySignedUp,
};

export interface Attendance {
  status: 'attended' | 'no_show';
  hours?: number;
}

/**
 * Sign-ups and the task's capacity. The invariant (never more confirmed than capacity, under any
 * concurrency) rests on one mechanism: every change that confirms or frees a place first locks the
 * task's row (`SELECT … FOR UPDATE`), so changes to one task run one after another and each sees the
 * counts the previous one committed. The counters move only inside that lock, the schema's
 * CHECK (confirmed <= capacity) refuses any code path that forgets it, and a partial unique index
 * holds one live sign-up per volunteer and task. The waitlist is ordered by `seq`, drawn inside the
 * lock, which is therefore the commit order. A volunteer's overlap check runs under a second,
 * per-volunteer lock, always taken after the task's.
 */
@Injectable()
export class SignupsService implements AccountErasure {
  constructor(
    private readonly access: OrganizationRecordAccess,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    private readonly transactions: TransactionService,
    private readonly writer: SignupWriter,
  ) {}

  /**
   * The sign-up itself runs in SignupWriter: the same locks and checks, as one round trip of
   * prepared statements, with sign-ups for one task that arrive together sharing one transaction.
   */
  async signUp(actor: Actor, taskId: string): Promise<SignupView> {
    if (actor.role !== 'volunteer') throw VolunteeringErrors.volunteersOnly();
    const row = await this.writer.signUp(taskId, actor.id);
    if (!row?.outcome) throw CommonErrors.notFound('task');
    if (row.outcome === 'overlapping') throw VolunteeringErrors.overlapping(row.overlap_title ?? '');
    const refusal = REFUSALS[row.outcome];
    if (refusal) throw refusal();
    const signup = {
      id: row.id,
      taskId: row.task_id,
      volunteerId: row.volunteer_id,
      status: row.status,
      hours: row.hours === null ? null : Number(row.hours),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    return signupView(signup, row.position);
  }

  /** The volunteer withdraws; a place they held goes to the first waitlisted volunteer who can take it. */
  withdraw(actor: Actor, taskId: string): Promise<void> {
    return this.transactions.run(async (manager) => {
      const task = await this.lockTask(taskId, manager);
      const signup = await manager.findOne(SignupEntity, {
        where: { taskId, volunteerId: actor.id, status: In(LIVE_SIGNUP_STATUSES) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!signup) throw VolunteeringErrors.notSignedUp();
      if (task.startsAt.getTime() <= Date.now() && signup.status === 'confirmed') {
        throw VolunteeringErrors.taskStarted();
      }
      await this.release(actor.id, task, signup, manager);
    });
  }

  /** When an account is deleted: its live sign-ups to tasks not yet started give up their places. */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    const live = await manager.find(SignupEntity, {
      where: { volunteerId: userId, status: In(LIVE_SIGNUP_STATUSES) },
    });
    // In id order, as any other multi-task path would, so two of them never wait on each other.
    for (const taskId of live.map((signup) => signup.taskId).sort()) {
      const task = await this.lockTask(taskId, manager);
      if (task.startsAt.getTime() <= Date.now()) continue;
      const signup = await manager.findOne(SignupEntity, {
        where: { taskId, volunteerId: userId, status: In(LIVE_SIGNUP_STATUSES) },
        lock: { mode: 'pessimistic_write' },
      });
      if (signup) await this.release(userId, task, signup, manager);
    }
  }

  /** Withdraws a live sign-up inside the task lock, and gives a freed place to the waitlist. */
  private async release(actorId: string, task: TaskEntity, signup: SignupEntity, manager: EntityManager) {
    await this.count(task, signup.status, -1, manager);
    const freed = signup.status === 'confirmed';
    signup.status = 'withdrawn';
    await manager.save(signup);
    await this.tell(signup, OutboxEvent.SignupWithdrawn, manager);
    await this.record({ id: actorId, role: 'volunteer' }, signup, 'Withdrew', manager);
    if (freed) await this.promote(task, manager);
  }

  /**
   * After a clearance was revoked, inside the revocation's transaction and the task's lock: a
   * confirmed place goes back to `pending` review, and the freed place goes to the waitlist.
   */
  async sendBackToReview(task: TaskEntity, signup: SignupEntity, manager: EntityManager): Promise<void> {
    await this.count(task, 'confirmed', -1, manager);
    signup.status = 'pending';
    await manager.save(signup);
    await this.record(null, signup, 'Back to review: safeguarding clearance revoked', manager);
    await this.promote(task, manager);
  }

  /** A member approves a pending sign-up: confirmed while there is space, waitlisted after. */
  approve(actor: Actor, signupId: string): Promise<SignupView> {
    return this.decide(actor, signupId, async (signup, task, manager) => {
      if (signup.status !== 'pending') throw VolunteeringErrors.illegalTransition(signup.status, 'approved');
      if (task.status === 'cancelled') throw VolunteeringErrors.taskCancelled();
      if (task.requiresSafeguarding && !(await hasValidClearance(manager, signup.volunteerId, task))) {
        throw VolunteeringErrors.clearanceRequired();
      }
      await lockVolunteer(manager, signup.volunteerId);
      const status = task.confirmed < task.capacity ? 'confirmed' : 'waitlisted';
      if (status === 'confirmed') {
        const overlap = await overlappingTask(manager, signup.volunteerId, task);
        if (overlap) throw VolunteeringErrors.overlapping(overlap.title);
      }
      await this.count(task, 'pending', -1, manager);
      await this.count(task, status, +1, manager);
      signup.status = status;
      // Approved into a full task: the back of the queue, behind everyone already waiting.
      if (status === 'waitlisted')
        await manager.query('UPDATE signups SET seq = DEFAULT WHERE id = $1', [signup.id]);
      await this.tell(
        signup,
        status === 'confirmed' ? OutboxEvent.SignupConfirmed : OutboxEvent.SignupWaitlisted,
        manager,
      );
    });
  }

  /** A member declines a pending or waitlisted sign-up. */
  decline(actor: Actor, signupId: string): Promise<SignupView> {
    return this.decide(actor, signupId, async (signup, task, manager) => {
      if (signup.status !== 'pending' && signup.status !== 'waitlisted') {
        throw VolunteeringErrors.illegalTransition(signup.status, 'declined');
      }
      await this.count(task, signup.status, -1, manager);
      signup.status = 'declined';
      await this.tell(signup, OutboxEvent.SignupDeclined, manager);
    });
  }

  /** After the task starts, a member records whether a confirmed volunteer came, and for how long. */
  recordAttendance(actor: Actor, signupId: string, attendance: Attendance): Promise<SignupView> {
    return this.decide(actor, signupId, async (signup, task, manager) => {
      if (!['confirmed', 'attended', 'no_show'].includes(signup.status)) {
        throw VolunteeringErrors.illegalTransition(signup.status, 'marked for attendance');
      }
      if (task.startsAt.getTime() > Date.now()) throw VolunteeringErrors.taskNotStarted();
      if (attendance.status === 'no_show' && attendance.hours !== undefined) {
        throw CommonErrors.validation([{ field: 'hours', message: 'must be left out for a no-show' }]);
      }
      const length = (task.endsAt.getTime() - task.startsAt.getTime()) / 3_600_000;
      signup.status = attendance.status;
      signup.hours =
        attendance.status === 'attended'
          ? (attendance.hours ?? Math.max(0.01, Math.round(Math.min(length, 24) * 100) / 100))
          : null;
      await this.tell(signup, OutboxEvent.AttendanceRecorded, manager);
    });
  }

  /** Confirms waitlisted volunteers, in order, while there is space and they can take it. */
  async promote(task: TaskEntity, manager: EntityManager): Promise<void> {
    const queue = await manager.find(SignupEntity, {
      where: { taskId: task.id, status: 'waitlisted' },
      order: { seq: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const candidate of queue) {
      if (task.confirmed >= task.capacity || task.startsAt.getTime() <= Date.now()) return;
      await lockVolunteer(manager, candidate.volunteerId);
      if (await overlappingTask(manager, candidate.volunteerId, task)) continue;
      if (task.requiresSafeguarding && !(await hasValidClearance(manager, candidate.volunteerId, task)))
        continue;
      await this.count(task, 'waitlisted', -1, manager);
      await this.count(task, 'confirmed', +1, manager);
      candidate.status = 'confirmed';
      await manager.save(candidate);
      await this.tell(candidate, OutboxEvent.SignupPromoted, manager);
      await this.record(null, candidate, 'Promoted from the waitlist', manager);
    }
  }

  /** Loads and locks a sign-up and its task for a member of the task's organisation, then applies `change`. */
  private decide(
    actor: Actor,
    signupId: string,
    change: (signup: SignupEntity, task: TaskEntity, manager: EntityManager) => Promise<void>,
  ): Promise<SignupView> {
    return this.transactions.run(async (manager) => {
      const found = await manager.findOneBy(SignupEntity, { id: signupId });
      if (!found) throw VolunteeringErrors.notSignedUp();
      const task = await this.lockTask(found.taskId, manager);
      // Sign-ups are the organisation's own: to anyone outside it they do not exist.
      await this.access.assertMember(actor, task.organizationId, manager, {
        notVisible: VolunteeringErrors.notSignedUp,
        notMember: VolunteeringErrors.notSignedUp,
      });
      const signup = await manager.findOneOrFail(SignupEntity, {
        where: { id: signupId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = signup.status;
      await change(signup, task, manager);
      await manager.save(signup);
      await this.record(actor, signup, `Sign-up ${before} → ${signup.status}`, manager);
      return signupView(signup, await waitlistPosition(manager, signup));
    });
  }

  lockTask(taskId: string, manager: EntityManager): Promise<TaskEntity> {
    return lockTask(manager, taskId);
  }

  /** Moves the task's counter for `status` (only confirmed and waitlisted are counted), inside the task lock. */
  private async count(
    task: TaskEntity,
    status: SignupStatus,
    by: 1 | -1,
    manager: EntityManager,
  ): Promise<void> {
    if (status !== 'confirmed' && status !== 'waitlisted') return;
    task[status] += by;
    await storePlaceCount(manager, task, status);
  }

  /** Generic over the one event, so the payload is checked against each event it may be. */
  private async tell<E extends SignupChangeEvent>(
    signup: SignupEntity,
    type: E,
    manager: EntityManager,
  ): Promise<void> {
    await this.outbox.write<E>(manager, {
      type,
      recipientIds: [signup.volunteerId],
      payload: { signupId: signup.id, taskId: signup.taskId, status: signup.status },
    });
  }

  private async record(actor: Actor | null, signup: SignupEntity, summary: string, manager: EntityManager) {
    await this.audit.record(manager, {
      actorId: actor?.id ?? null,
      action: `signup.${signup.status}`,
      entity: 'signup',
      entityId: signup.id,
      summary,
    });
  }
}

/** The events that tell a volunteer their sign-up's new status. */
type SignupChangeEvent =
  | OutboxEvent.SignupConfirmed
  | OutboxEvent.SignupWaitlisted
  | OutboxEvent.SignupPromoted
  | OutboxEvent.SignupDeclined
  | OutboxEvent.AttendanceRecorded
  | OutboxEvent.SignupWithdrawn;
