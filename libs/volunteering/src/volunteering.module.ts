import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCOUNT_ERASURE, AccountErasure } from '@haven/identity';
import { NeedsModule, NeedsService, RecordAccessModule, TASK_PARTICIPANTS } from '@haven/needs';
import { MembershipService, OrganizationsModule } from '@haven/organizations';
import { CalendarService } from './calendar.service';
import { CalendarTokenEntity } from './entities/calendar-token.entity';
import { SafeguardingClearanceEntity } from './entities/safeguarding-clearance.entity';
import { SignupEntity } from './entities/signup.entity';
import { VolunteerProfileEntity } from './entities/volunteer-profile.entity';
import { MatchingService } from './matching.service';
import { SafeguardingService } from './safeguarding.service';
import { SignupQueries } from './signup-queries.service';
import { SignupWriter } from './signup-writer';
import { SignupsService } from './signups.service';
import { TaskParticipantsAdapter } from './task-participants.adapter';
import { eraseVolunteer } from './volunteer-erasure';
import { VolunteerProfilesService } from './volunteer-profiles.service';

export const VOLUNTEERING_ENTITIES = [
  VolunteerProfileEntity,
  SignupEntity,
  SafeguardingClearanceEntity,
  CalendarTokenEntity,
];

/** Sign-ups and their reads: below the needs services, so it can implement their port. */
@Module({
  imports: [RecordAccessModule, TypeOrmModule.forFeature(VOLUNTEERING_ENTITIES)],
  providers: [SignupsService, SignupQueries, SignupWriter],
  exports: [SignupsService, SignupQueries],
})
export class SignupsModule {}

/** The needs context's TaskParticipants port, answered by sign-ups. */
@Module({
  imports: [SignupsModule],
  providers: [TaskParticipantsAdapter, { provide: TASK_PARTICIPANTS, useExisting: TaskParticipantsAdapter }],
  exports: [TASK_PARTICIPANTS],
})
export class TaskParticipantsModule {}

/**
 * Identity's AccountErasure port, for the contexts above it, each in one place: organisations
 * (`MembershipService.erase`: membership and pending invitations; a sole owner with other members
 * is refused before anything changes, the only member closes the organisation when they delete the
 * account themselves), needs (`NeedsService.cancelAllOf`: a closed organisation's open work is
 * cancelled), then volunteering (`eraseVolunteer`: live sign-ups withdrawn, profile and calendar
 * link deleted).
 */
@Module({
  imports: [OrganizationsModule, SignupsModule, NeedsModule.register(TaskParticipantsModule)],
  providers: [
    {
      provide: ACCOUNT_ERASURE,
      inject: [MembershipService, NeedsService, SignupsService],
      useFactory: (
        membership: MembershipService,
        needs: NeedsService,
        signups: SignupsService,
      ): AccountErasure => ({
        erase: async (manager, userId, why) => {
          const closed = await membership.erase(manager, userId, why === 'deleted');
          if (closed) await needs.cancelAllOf(manager, closed, userId);
          await eraseVolunteer(manager, signups, userId);
        },
      }),
    },
  ],
  exports: [ACCOUNT_ERASURE],
})
export class AccountErasureModule {}

const SERVICES = [VolunteerProfilesService, SafeguardingService, CalendarService, MatchingService];

@Module({
  imports: [NeedsModule.register(TaskParticipantsModule), SignupsModule],
  providers: SERVICES,
  exports: [...SERVICES, SignupsModule],
})
export class VolunteeringModule {}
