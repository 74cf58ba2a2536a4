import { DynamicModule, Module, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '@haven/organizations';
import { NeedItemEntity } from './entities/need-item.entity';
import { NeedEntity } from './entities/need.entity';
import { PledgeEntity } from './entities/pledge.entity';
import { TaskEntity } from './entities/task.entity';
import { OrganizationRecordAccess } from './organization-record-access';
import { NeedsStatsService } from './needs-stats.service';
import { NeedCascade } from './need-cascade';
import { NeedViews } from './need-views.service';
import { NeedsService } from './needs.service';
import { PledgesService } from './pledges.service';
import { TasksService } from './tasks.service';

export const NEED_ENTITIES = [NeedEntity, NeedItemEntity, PledgeEntity, TaskEntity];

/**
 * Who may act on a need, a task and what hangs off them (sign-ups, pledges, clearances): the one
 * piece of the needs context the sign-up side needs below the TaskParticipants port.
 */
@Module({
  imports: [OrganizationsModule, TypeOrmModule.forFeature(NEED_ENTITIES)],
  providers: [OrganizationRecordAccess],
  exports: [OrganizationRecordAccess, OrganizationsModule, TypeOrmModule],
})
export class RecordAccessModule {}

const registered = new Map<Type, DynamicModule>();

/**
 * The needs context, wired to the TaskParticipants port it requires: `participants` is the module
 * that exports TASK_PARTICIPANTS (the volunteering library's TaskParticipantsModule). Without one
 * the process does not start, so no path can skip the people signed up to a task.
 */
@Module({})
export class NeedsModule {
  static register(participants: Type): DynamicModule {
    const known = registered.get(participants);
    if (known) return known;
    const module: DynamicModule = {
      module: NeedsModule,
      imports: [RecordAccessModule, participants],
      providers: [NeedsService, NeedCascade, NeedViews, PledgesService, TasksService, NeedsStatsService],
      exports: [RecordAccessModule, NeedsService, PledgesService, TasksService, NeedsStatsService],
    };
    registered.set(participants, module);
    return module;
  }
}
