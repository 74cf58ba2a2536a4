import { Injectable } from '@nestjs/common';
import { JobName, JobProducer, OutboxEvent, OutboxWriter, stableId, TransactionService } from '@haven/core';

export const REMINDER_LEAD_MS = 24 * 3_600_000;

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

  /** Keeps the reminder jobs in step with an event that was just delivered. */
  async follow(eventType: string, payload: Record<string, unknown>): Promise<void> {
    const signupId = typeof payload.signupId === 'string' ? payload.signupId : undefined;
    const taskId = typeof payload.taskId === 'string' ? payload.taskId : undefined;
    switch (eventType) {
      case OutboxEvent.SignupConfirmed:
      case OutboxEvent.SignupPromoted:
        if (signupId) await this.schedule([signupId]);
        return;
      case OutboxEvent.TaskChanged:
        if (taskId) await this.schedule(await this.confirmedSignups('task_id = $1', [taskId]));
        return;
      case OutboxEvent.SignupWithdrawn:
      case OutboxEvent.SignupDeclined:
        if (signupId) await this.remove([signupId]);
        return;
      case OutboxEvent.ClearanceRevoked:
        // Places that went back to review lose their reminders.
        if (Array.isArray(payload.signupIds)) {
          await this.remove(payload.signupIds.filter((id): id is string => typeof id === 'string'));
        }
        return;
      case OutboxEvent.TaskCancelled:
        if (taskId) await this.remove(await this.signupsWhere('task_id = $1', [taskId]));
        return;
      case OutboxEvent.NeedCancelled:
        if (typeof payload.needId === 'string') {
          await this.remove(
            await this.signupsWhere('task_id IN (SELECT id FROM tasks WHERE need_id = $1)', [payload.needId]),
          );
        }
        return;
    }
  }

  /** (Re)creates the reminder of each sign-up still confirmed for an open task starting over 24 hours away. */
  async schedule(signupIds: string[]): Promise<void> {
    if (signupIds.length === 0) return;
    const rows: { id: string; starts_at: Date }[] = await this.transactions.run((manager) =>
      manager.query(
        `SELECT s.id, t.starts_at FROM signups s JOIN tasks t ON t.id = s.task_id
          WHERE s.id = ANY($1) AND s.status = 'confirmed' AND t.status = 'open'`,
        [signupIds],
      ),
    );
    const queue = this.jobs.queueFor(JobName.Reminder);
    for (const id of signupIds) {
      await queue.remove(reminderJobId(id));
      const row = rows.find((candidate) => candidate.id === id);
      const delay = row ? row.starts_at.getTime() - REMINDER_LEAD_MS - Date.now() : -1;
      if (!row || delay <= 0) continue;
      await this.jobs.enqueue(
        JobName.Reminder,
        { signupId: id, startsAt: row.starts_at.toISOString() },
        { jobId: reminderJobId(id), delay, attempts: 5, removeOnComplete: true },
      );
    }
  }

  /**
   * Recreates missing reminder jobs from PostgreSQL for the coming week: after Redis lost its data, or
   * after two quick moves of a task left a stale job. Existing jobs for the right time are kept.
   */
  async sweep(): Promise<number> {
    const rows: { id: string; starts_at: Date }[] = await this.transactions.run((manager) =>
      manager.query(
        `SELECT s.id, t.starts_at FROM signups s JOIN tasks t ON t.id = s.task_id
          WHERE s.status = 'confirmed' AND t.status = 'open'
            AND t.starts_at > now() + interval '24 hours' AND t.starts_at < now() + interval '8 days'`,
      ),
    );
    const queue = this.jobs.queueFor(JobName.Reminder);
    const stale: string[] = [];
    for (const row of rows) {
      const job = await queue.getJob(reminderJobId(row.id));
      if (job?.data.startsAt !== row.starts_at.toISOString()) stale.push(row.id);
    }
    await this.schedule(stale);
    return stale.length;
  }

  async remove(signupIds: string[]): Promise<void> {
    const queue = this.jobs.queueFor(JobName.Reminder);
    for (const id of signupIds) await queue.remove(reminderJobId(id));
  }

  /** The reminder fires: it becomes an outbox row (once, by its stable id) if it still holds. */
  async fire(signupId: string, startsAt: string): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const [row] = await manager.query(
        `SELECT s.volunteer_id, t.id AS task_id, t.starts_at FROM signups s JOIN tasks t ON t.id = s.task_id
          WHERE s.id = $1 AND s.status = 'confirmed' AND t.status = 'open'`,
        [signupId],
      );
      if (!row || (row.starts_at as Date).toISOString() !== startsAt) return false;
      await this.outbox.write(manager, {
        id: stableId(`reminder:${signupId}:${startsAt}`),
        type: OutboxEvent.SignupReminder,
        recipientIds: [row.volunteer_id],
        payload: { signupId, taskId: row.task_id },
      });
      return true;
    });
  }

  private confirmedSignups(condition: string, params: unknown[]): Promise<string[]> {
    return this.signupsWhere(`status = 'confirmed' AND ${condition}`, params);
  }

  private async signupsWhere(condition: string, params: unknown[]): Promise<string[]> {
    const rows: { id: string }[] = await this.transactions.run((manager) =>
      manager.query(`SELECT id FROM signups WHERE ${condition}`, params),
    );
    return rows.map((row) => row.id);
  }
}
