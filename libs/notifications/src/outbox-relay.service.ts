import { Injectable } from '@nestjs/common';
import { JobName, JobProducer, TransactionService, withTimeout } from '@haven/core';

export const RELAY_BATCH = 200;
export const ENQUEUE_TIMEOUT_MS = 5_000;

/** How a delivery job retries: exponential backoff with jitter, and a failed job is kept for admins. */
export const DELIVERY_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: false,
} as const;

/**
 * Moves pending outbox rows to the notifications queue. A batch is claimed with FOR UPDATE SKIP
 * LOCKED, so several workers relay side by side without taking the same rows; it is enqueued with
 * each row's id as the job id, and marked relayed in the same transaction. If Redis is away the
 * enqueue times out, the transaction rolls back and the rows wait (a late enqueue that lands anyway
 * is harmless, as below); if the process dies after enqueueing
 * but before committing, the rows are relayed again and the job id (while the job exists) and the
 * delivery side's unique keys (always) keep that from sending anything twice.
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
      // Bounded: a worker's queue connection waits for Redis forever, and this transaction must not.
      await withTimeout(
        this.jobs.queueFor(JobName.Deliver).addBulk(
          rows.map((row) => ({
            name: JobName.Deliver,
            data: { outboxId: row.id },
            opts: { jobId: row.id, ...DELIVERY_JOB_OPTIONS },
          })),
        ),
        ENQUEUE_TIMEOUT_MS,
      );
      await manager.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1)`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }
}
