import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '@haven/organizations';
import { NeedItemEntity } from './entities/need-item.entity';
import { NeedEntity } from './entities/need.entity';
import { PledgeEntity } from './entities/pledge.entity';
import { TaskEntity } from './entities/task.entity';
import { NeedAccess } from './need-access';
import { NeedsStatsService } from './needs-stats.service';
import { NeedsService } from './needs.service';
import { PledgesService } from './pledges.service';
import { TasksService } from './tasks.service';

export const NEED_ENTITIES = [NeedEntity, NeedItemEntity, PledgeEntity, TaskEntity];

@Module({
  imports: [OrganizationsModule, TypeOrmModule.forFeature(NEED_ENTITIES)],
  providers: [NeedAccess, NeedsService, PledgesService, TasksService, NeedsStatsService],
  exports: [NeedAccess, NeedsService, PledgesService, TasksService, NeedsStatsService],
})
export class NeedsModule {}
