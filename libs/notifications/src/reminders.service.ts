import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  JobName,
  JobProducer,
  OutboxEvent,
  OutboxRow,
  OutboxWriter,
  stableId,
  TransactionService,
} from '@haven/core';
import { openTasksStartingBetween, taskFacts, taskIdsOfNeeds } from '@haven/needs';
import { signupFacts, signupsOfTasks } from '@haven/volunteering';

export const REMINDER_LEAD_MS = 24 * 3_600_000;
const SWEEP_DAYS = 8;

/** The reminder job of a sign-up: one id per sign-up, so scheduling again replaces it exactly. */
export const reminderJobId = (signupId: string) => `reminder-${signupId}`;

/**
 * Reminders 24 hours before each confirmed sign-up's task, as delayed jobs. They follow the events
 * the delivery sees: confirmed or promoted schedules one, a changed task moves its volunteers',
 * and a withdrawal, a decline or a cancellation removes them. The job checks again when it fires,
 * so a withdrawn volunteer or a moved task never gets a stale reminder even if a removal was missed.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly jobs: JobProducer,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Keeps the reminder jobs in step with a batch of events about to be delivered. */
  async follow(rows: OutboxRow[]): Promise<void> {
    for (const row of rows) await this.followOne(row);
  }

  private async followOne(row: OutboxRow): Promise<void> {
    switch (row.type) {
      case OutboxEvent.SignupConfirmed:
      case OutboxEvent.SignupPromoted:
        return this.schedule([row.payload.signupId]);
      case OutboxEvent.TaskChanged: {
        const signups = await this.read((manager) => signupsOfTasks(manager, [row.payload.taskId]));
        return this.schedule(
          signups.filter((signup) => signup.status === 'confirmed').map((signup) => signup.id),
        );
      }
      case OutboxEvent.SignupWithdrawn:
      case OutboxEvent.SignupDeclined:
        return this.remove([row.payload.signupId]);
      case OutboxEvent.ClearanceRevoked:
        // Places that went back to review lose their reminders.
        return this.remove(row.payload.signupIds);
      case OutboxEvent.TaskCancelled: {
        const signups = await this.read((manager) => signupsOfTasks(manager, [row.payload.taskId]));
        return this.remove(signups.map((signup) => signup.id));
      }
      case OutboxEvent.NeedCancelled: {
        const signups = await this.read(async (manager) =>
          signupsOfTasks(manager, await taskIdsOfNeeds(manager, [row.payload.needId])),
        );
        return this.remove(signups.map((signup) => signup.id));
      }
    }
  }

  /** (Re)creates the reminder of each sign-up still confirmed for an open task starting over 24 hours away. */
  async schedule(signupIds: string[]): Promise<void> {
    if (signupIds.length === 0) return;
    const startsAt = await this.read(async (manager) => {
      const signups = await signupFacts(manager, signupIds);
      const tasks = await taskFacts(manager, [
        ...new Set([...signups.values()].map((signup) => signup.taskId)),
      ]);
      const result = new Map<string, Date>();
      for (const [id, signup] of signups) {
        const task = tasks.get(signup.taskId);
        if (signup.status === 'confirmed' && task?.status === 'open') result.set(id, task.startsAt);
      }
      return result;
    });
    for (const id of signupIds) {
      await this.jobs.remove(JobName.Reminder, reminderJobId(id));
      const at = startsAt.get(id);
      const delay = at ? at.getTime() - REMINDER_LEAD_MS - Date.now() : -1;
      if (!at || delay <= 0) continue;
      await this.jobs.enqueue(
        JobName.Reminder,
        { signupId: id, startsAt: at.toISOString() },
        { jobId: reminderJobId(id), delay, attempts: 5, removeOnComplete: true },
      );
    }
  }

  /**
   * Recreates missing reminder jobs from PostgreSQL for the coming week: after Redis lost its data, or
   * after two quick moves of a task left a stale job. Existing jobs for the right time are kept.
   */
  async sweep(): Promise<number> {
    const due = await this.read(async (manager) => {
      const now = Date.now();
      const tasks = await openTasksStartingBetween(
        manager,
        new Date(now + REMINDER_LEAD_MS),
        new Date(now + SWEEP_DAYS * REMINDER_LEAD_MS),
      );
      const startsAt = new Map(tasks.map((task) => [task.id, task.startsAt]));
      const signups = await signupsOfTasks(manager, [...startsAt.keys()]);
      return signups
        .filter((signup) => signup.status === 'confirmed')
        .map((signup) => ({ id: signup.id, startsAt: startsAt.get(signup.taskId)! }));
    });
    const stale: string[] = [];
    for (const signup of due) {
      const job = await this.jobs.find(JobName.Reminder, reminderJobId(signup.id));
      if (job?.data.startsAt !== signup.startsAt.toISOString()) stale.push(signup.id);
    }
    await this.schedule(stale);
    return stale.length;
  }

  async remove(signupIds: string[]): Promise<void> {
    for (const id of signupIds) await this.jobs.remove(JobName.Reminder, reminderJobId(id));
  }

  /** The reminder fires: it becomes an outbox row (once, by its stable id) if it still holds. */
  async fire(signupId: string, startsAt: string): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const signup = (await signupFacts(manager, [signupId])).get(signupId);
      const task = signup && (await taskFacts(manager, [signup.taskId])).get(signup.taskId);
      if (!signup || !task || signup.status !== 'confirmed' || task.status !== 'open') return false;
      if (task.startsAt.toISOString() !== startsAt) return false;
      await this.outbox.write(manager, {
        id: stableId(`reminder:${signupId}:${startsAt}`),
        type: OutboxEvent.SignupReminder,
        recipientIds: [signup.volunteerId],
        payload: { signupId, taskId: task.id },
      });
      return true;
    });
  }

  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }
}
