import { Injectable } from '@nestjs/common';
import { JobName, JobProducer, TransactionService, withTimeout } from '@haven/core';

/** Rows claimed per relay transaction. */
export const RELAY_BATCH = 1_000;
/** Rows per delivery job: their facts, recipients and writes are read and made once per job. */
export const ROWS_PER_JOB = 100;
export const ENQUEUE_TIMEOUT_MS = 5_000;

/** How a delivery job retries: exponential backoff with jitter, and a failed job is kept for admins. */
export const DELIVERY_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: false,
} as const;

/**
 * Moves pending outbox rows to the notifications queue, ROWS_PER_JOB rows to a job. A batch is
 * claimed with FOR UPDATE SKIP LOCKED, so several workers relay side by side without taking the
 * same rows; its jobs are enqueued in one round trip, each with its first row's id as the job id,
 * and the rows marked relayed in the same transaction. If Redis is away the enqueue times out, the
 * transaction rolls back and the rows wait (a late enqueue that lands anyway is harmless, as
 * below); if the process dies after enqueueing but before committing, the rows are relayed again
 * and the job id (while the job exists) and the delivery side's unique keys (always) keep that
 * from sending anything twice.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly transactions: TransactionService,
    private readonly jobs: JobProducer,
  ) {}

  relayBatch(limit = RELAY_BATCH): Promise<number> {
    return this.transactions.run(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM outbox WHERE relayed_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      const batches: string[][] = [];
      for (let start = 0; start < ids.length; start += ROWS_PER_JOB) {
        batches.push(ids.slice(start, start + ROWS_PER_JOB));
      }
      // Bounded: a worker's queue connection waits for Redis forever, and this transaction must not.
      await withTimeout(
        this.jobs.enqueueBulk(
          JobName.Deliver,
          batches.map((outboxIds) => ({
            payload: { outboxIds },
            options: { jobId: outboxIds[0], ...DELIVERY_JOB_OPTIONS },
          })),
        ),
        ENQUEUE_TIMEOUT_MS,
      );
      await manager.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1)`, [ids]);
      return rows.length;
    });
  }
}
