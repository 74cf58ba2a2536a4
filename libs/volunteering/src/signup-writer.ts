import { Injectable } from '@nestjs/common';
import { DatabaseError, Pool, PoolClient, QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AuditSql, OutboxEvent, OutboxSql, UUID } from '@haven/core';
import { TaskSql } from '@haven/needs';
import { OrganizationSql } from '@haven/organizations';
import { SignupStatus } from './entities/signup.entity';
import { confirmedOverlapSql } from './signup.sql';

/** What a sign-up came to: refused (and why), or the row written and its place in the queue. */
export interface SignupOutcome {
  /** null when the task is missing or hidden from volunteers (its organisation is not approved). */
  outcome:
    'cancelled' | 'started' | 'already' | 'overlapping' | 'pending' | 'confirmed' | 'waitlisted' | null;
  overlap_title: string | null;
  /** The 1-based waitlist place of a waitlisted sign-up. */
  position: number;
  id: string;
  task_id: string;
  volunteer_id: string;
  status: SignupStatus;
  hours: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The task's row lock: the first thing each batch takes, held to its commit. */
const LOCK_TASK = TaskSql.lockTask('$1');

/**
 * The per-volunteer overlap locks of a batch (the key `lockVolunteer` uses), taken after the task's
 * and in one order, so two batches never wait on each other in a cycle.
 */
const LOCK_VOLUNTEERS = `SELECT count(pg_advisory_xact_lock(4242, hashtext(v)))
  FROM (SELECT v FROM unnest($1::text[]) v ORDER BY hashtext(v), v) sorted`;

/**
 * A batch of sign-ups (the volunteers `$2`, in arrival order) in one statement, run after both locks
 * are held, so its snapshot sees every sign-up committed before them and the task's latest counters.
 * Each volunteer comes to exactly what their own statement used to give them, one after another in
 * the batch's order: refused (outcome only, nothing written) in the order SignupsService always
 * checked — missing or hidden task (a volunteer reads only an approved organisation's tasks, as
 * OrganizationRecordAccess.mayRead), cancelled, started, a live sign-up already, a confirmed
 * overlapping task — and a volunteer asked twice in one batch is refused as `already` the second
 * time (the first time's row is the live sign-up). The others take the free places in arrival
 * order (`place`: their rank among those placed) and then the waitlist; their rows are inserted in
 * that order, so `seq`, drawn under the lock, is the queue order. The counters move once, by the
 * batch's totals, and the outbox rows and audit entries go in with the rows, all or nothing.
 *
 * One statement instead of one per sign-up: the executor, the task row's new version and its
 * deferred read-version trigger (three version upserts at commit) are paid once per batch, not per
 * sign-up — they were most of PostgreSQL's work in a storm.
 *
 * Being one statement, it reaches other contexts' tables through their owners' SQL fragments:
 * TaskSql (the task, its lock and places), OrganizationSql (the "approved organisation" rule of
 * OrganizationRecordAccess.mayRead, and the members told of a pending sign-up), OutboxSql and
 * AuditSql (core); the "overlapping confirmed task" rule is `confirmedOverlapSql`, as in signup-rules.ts.
 */
const SIGN_UP = `
WITH t AS (
  SELECT t.id, t.status, t.starts_at, t.ends_at, t.capacity, t.confirmed, t.waitlisted, t.signup_mode,
         t.organization_id
    FROM ${TaskSql.tasks('t')}
    ${OrganizationSql.joinOrganization('o', 't.organization_id')} AND ${OrganizationSql.isApproved('o')}
   WHERE t.id = $1),
asked AS (
  SELECT a.volunteer_id, a.ord, row_number() OVER (PARTITION BY a.volunteer_id ORDER BY a.ord) AS copy
    FROM unnest($2::uuid[]) WITH ORDINALITY AS a (volunteer_id, ord)),
checked AS (
  SELECT a.ord, a.volunteer_id, overlap.title AS overlap_title,
         CASE WHEN t.status = 'cancelled' THEN 'cancelled'
              WHEN t.starts_at <= clock_timestamp() THEN 'started'
              WHEN live.found THEN 'already'
              WHEN overlap.title IS NOT NULL THEN 'overlapping'
              WHEN a.copy > 1 THEN 'already'
              WHEN t.signup_mode = 'review' THEN 'pending'
              ELSE 'placed' END AS outcome
    FROM t CROSS JOIN asked a
    -- A probe of the unique index per volunteer: as EXISTS, the planner may read all the task's
    -- live sign-ups for every batch, however small.
    LEFT JOIN LATERAL (
      SELECT true AS found FROM signups s
       WHERE s.task_id = t.id AND s.volunteer_id = a.volunteer_id AND s.status IN ('pending', 'confirmed', 'waitlisted')
       LIMIT 1) live ON true
    LEFT JOIN LATERAL (
      ${confirmedOverlapSql('a.volunteer_id', 't.starts_at', 't.ends_at', 't.id')}
       LIMIT 1) overlap ON true),
ranked AS (
  SELECT c.*, count(*) FILTER (WHERE c.outcome = 'placed') OVER (ORDER BY c.ord) AS place FROM checked c),
d AS (
  SELECT r.ord, r.volunteer_id, r.overlap_title,
         CASE WHEN r.outcome <> 'placed' THEN r.outcome
              WHEN r.place <= t.capacity - t.confirmed THEN 'confirmed'
              ELSE 'waitlisted' END AS outcome,
         (t.waitlisted + r.place - (t.capacity - t.confirmed))::int AS position
    FROM ranked r CROSS JOIN t),
counted AS (
  ${TaskSql.addPlaces(
    `(SELECT count(*) FILTER (WHERE outcome = 'confirmed') AS confirmed,
             count(*) FILTER (WHERE outcome = 'waitlisted') AS waitlisted FROM d) n`,
    '$1',
    'n.confirmed + n.waitlisted > 0',
    'n.confirmed',
    'n.waitlisted',
  )}),
inserted AS (
  INSERT INTO signups (task_id, volunteer_id, status)
  SELECT $1, d.volunteer_id, d.outcome FROM d WHERE d.outcome IN ('pending', 'confirmed', 'waitlisted')
   ORDER BY d.ord
  RETURNING id, task_id, volunteer_id, status, hours, created_at, updated_at),
told AS (
  ${OutboxSql.insert(`
  SELECT CASE i.status WHEN 'pending' THEN '${OutboxEvent.SignupReceived}'
                       WHEN 'confirmed' THEN '${OutboxEvent.SignupConfirmed}'
                       ELSE '${OutboxEvent.SignupWaitlisted}' END,
         r.ids,
         CASE WHEN i.status = 'pending' THEN jsonb_build_object('signupId', i.id, 'taskId', i.task_id)
              ELSE jsonb_build_object('signupId', i.id, 'taskId', i.task_id, 'status', i.status) END
    FROM inserted i CROSS JOIN t
    CROSS JOIN LATERAL (
      SELECT CASE WHEN i.status = 'pending'
                  THEN ${OrganizationSql.memberIds('t.organization_id')}
                  ELSE ARRAY[i.volunteer_id] END AS ids) r
   WHERE cardinality(r.ids) > 0`)}),
audited AS (
  ${AuditSql.insert(`
  SELECT i.volunteer_id, 'signup.' || i.status, 'signup', i.id, 'Signed up (' || i.status || ')' FROM inserted i`)})
SELECT d.outcome, d.overlap_title, d.position, i.*
  FROM asked a LEFT JOIN d ON d.ord = a.ord
  LEFT JOIN inserted i ON i.volunteer_id = a.volunteer_id AND d.outcome IN ('pending', 'confirmed', 'waitlisted')
 ORDER BY a.ord`;

const PREPARE = [
  `PREPARE haven_signup_lock(uuid) AS ${LOCK_TASK}`,
  `PREPARE haven_signup_volunteers(text[]) AS ${LOCK_VOLUNTEERS}`,
  `PREPARE haven_signup_batch(uuid, uuid[]) AS ${SIGN_UP}`,
].join(';\n');

/** Sign-ups of one task that one transaction takes at most. */
const MAX_BATCH = 100;
const MAX_ATTEMPTS = 5;
const RETRYABLE = new Set(['40P01', '40001']);
/** `prepared statement does not exist`: the connection lost them (DISCARD ALL); prepare again. */
const NOT_PREPARED = '26000';

interface Waiting {
  volunteerId: string;
  resolve(outcome: SignupOutcome): void;
  reject(error: unknown): void;
}

/**
 * Writes sign-ups for SignupsService with the task's row lock held as briefly as PostgreSQL allows.
 * The invariants are those of SignupsService (the task's row lock around every change of its places,
 * `seq` drawn under it, the per-volunteer lock after it for the overlap check); what changes is where
 * the time goes:
 *
 * - One round trip. The two locks and the batch's sign-up statement travel as one multi-statement
 *   query of prepared statements, an implicit transaction: no client round trip, and no wait for
 *   this process's busy event loop, happens while the task is locked. Each statement of it takes its
 *   own snapshot (READ COMMITTED), so the sign-up statement, run after the locks, sees everything
 *   committed before them.
 * - Group commit. Sign-ups for a task that arrive while its transaction runs wait here and go
 *   together in the next one (at most MAX_BATCH, in arrival order): one lock hand-over, one WAL
 *   flush and one statement for many sign-ups, instead of one each, which is what limited a storm
 *   on one task.
 *
 * A deadlock (another path takes the task first and the volunteers in another order) retries the
 * batch, as TransactionService does. Any other failure runs the batch's sign-ups alone, so one
 * sign-up's error is never another's.
 */
@Injectable()
export class SignupWriter {
  /** Per task with a batch running: the sign-ups waiting for the next. */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly prepared = new WeakSet<PoolClient>();

  constructor(private readonly dataSource: DataSource) {}

  /** The outcome of the volunteer's sign-up for the task; undefined outcome for a malformed id. */
  signUp(taskId: string, volunteerId: string): Promise<SignupOutcome | undefined> {
    const task = taskId.toLowerCase();
    if (!UUID.test(task) || !UUID.test(volunteerId)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const entry = { volunteerId, resolve, reject };
      const queue = this.waiting.get(task);
      if (queue) {
        queue.push(entry);
        return;
      }
      this.waiting.set(task, []);
      void this.drain(task, [entry]);
    });
  }

  private async drain(taskId: string, first: Waiting[]): Promise<void> {
    for (let batch = first; batch.length > 0; batch = this.waiting.get(taskId)!.splice(0, MAX_BATCH)) {
      await this.settle(taskId, batch);
    }
    this.waiting.delete(taskId);
  }

  private async settle(taskId: string, batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.run(
        taskId,
        batch.map((entry) => entry.volunteerId),
      );
      batch.forEach((entry, index) => entry.resolve(outcomes[index]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const entry of batch) await this.settle(taskId, [entry]);
    }
  }

  private async run(taskId: string, volunteerIds: string[]): Promise<SignupOutcome[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(taskId, volunteerIds);
      } catch (error) {
        const code = error instanceof DatabaseError ? error.code : undefined;
        const again = (code && RETRYABLE.has(code)) || code === NOT_PREPARED;
        if (!again || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async once(taskId: string, volunteerIds: string[]): Promise<SignupOutcome[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      if (!this.prepared.has(client)) {
        await client.query(PREPARE);
        this.prepared.add(client);
      }
      // Ids are checked UUIDs, so they are safe as literals (a multi-statement query takes no parameters).
      const volunteers = volunteerIds.map((id) => `'${id}'`).join(', ');
      const text = [
        `EXECUTE haven_signup_lock('${taskId}')`,
        `EXECUTE haven_signup_volunteers(ARRAY[${volunteers}]::text[])`,
        `EXECUTE haven_signup_batch('${taskId}', ARRAY[${volunteers}]::uuid[])`,
      ].join(';\n');
      const results = (await client.query(text)) as unknown as QueryResult<SignupOutcome>[];
      return results[2].rows;
    } catch (error) {
      if (error instanceof DatabaseError) {
        if (error.code === NOT_PREPARED) this.prepared.delete(client);
      } else {
        broken = error as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
