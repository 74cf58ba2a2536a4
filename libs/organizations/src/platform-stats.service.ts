import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accountCountsByRole } from '@haven/identity';

/** Platform-wide counts for admins. Needs and tasks join in when their context lands. */
@Injectable()
export class PlatformStatsService {
  constructor(private readonly dataSource: DataSource) {}

  async stats() {
    const [organizations, users] = await Promise.all([
      this.dataSource.query(`SELECT status, count(*)::int AS count FROM organizations GROUP BY status`),
      accountCountsByRole(this.dataSource.manager),
    ]);
    const byStatus = Object.fromEntries(
      (organizations as { status: string; count: number }[]).map((row) => [row.status, row.count]),
    );
    const byRole = users as { role: string; count: number; suspended: number }[];
    return {
      organizations: {
        pending: byStatus.pending ?? 0,
        approved: byStatus.approved ?? 0,
        rejected: byStatus.rejected ?? 0,
        suspended: byStatus.suspended ?? 0,
      },
      users: {
        admin: byRole.find((row) => row.role === 'admin')?.count ?? 0,
        coordinator: byRole.find((row) => row.role === 'coordinator')?.count ?? 0,
        volunteer: byRole.find((row) => row.role === 'volunteer')?.count ?? 0,
        suspended: byRole.reduce((sum, row) => sum + row.suspended, 0),
      },
    };
  }
}
