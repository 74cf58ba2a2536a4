import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The needs context's part of the admin's platform counts. */
@Injectable()
export class NeedsStatsService {
  constructor(private readonly dataSource: DataSource) {}

  async stats() {
    const [needs, [tasks]] = await Promise.all([
      this.dataSource.query(`SELECT status, count(*)::int AS count FROM needs GROUP BY status`) as Promise<
        { status: string; count: number }[]
      >,
      this.dataSource.query(
        `SELECT count(*)::int AS upcoming,
                count(*) FILTER (WHERE confirmed < capacity)::int AS "withSpace"
           FROM tasks WHERE status = 'open' AND starts_at > now()`,
      ) as Promise<{ upcoming: number; withSpace: number }[]>,
    ]);
    const byStatus = Object.fromEntries(needs.map((row) => [row.status, row.count]));
    return {
      needs: {
        open: byStatus.open ?? 0,
        filled: byStatus.filled ?? 0,
        closed: byStatus.closed ?? 0,
        cancelled: byStatus.cancelled ?? 0,
      },
      tasks: tasks,
    };
  }
}
