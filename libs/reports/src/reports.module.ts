import { Module } from '@nestjs/common';
import { OrganizationsModule } from '@haven/organizations';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Reports read what the other contexts wrote, through SQL aggregates; they change nothing. */
@Module({
  imports: [OrganizationsModule],
  providers: [ReportsRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
