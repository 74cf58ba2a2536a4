import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, JobProducer, QueueName, withTimeout } from '@haven/core';

const QUEUE_JOB: Record<QueueName, JobName> = {
  [QueueName.System]: JobName.Heartbeat,
  [QueueName.Notifications]: JobName.Deliver,
};

/** How the background machinery is doing: queue depths, failures and how far the outbox lags. */
@Injectable()
export class OperationsStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async outbox() {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS "oldestPendingSeconds"
         FROM outbox WHERE relayed_at IS NULL`,
    );
    const [deliveries] = await this.dataSource.query(
      `SELECT count(*)::int AS failed FROM notification_deliveries WHERE status = 'failed'`,
    );
    return { ...row, failedDeliveries: deliveries.failed } as {
      pending: number;
      oldestPendingSeconds: number;
      failedDeliveries: number;
    };
  }

  async queues() {
    const entries = await Promise.all(
      Object.values(QueueName).map(async (name) => {
        const counts = await this.jobs
          .queueFor(QUEUE_JOB[name])
          .getJobCounts('waiting', 'active', 'delayed', 'failed', 'paused');
        return [name, counts] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  /**
   * The queues' figures are left out (null) while Redis does not answer; the rest still shows.
   * BullMQ waits for a connection rather than failing, hence the bounded wait.
   */
  async all() {
    const [outbox, queues] = await Promise.all([
      this.outbox(),
      withTimeout(this.queues(), 1500).catch(() => null),
    ]);
    return { outbox, queues };
  }
}
