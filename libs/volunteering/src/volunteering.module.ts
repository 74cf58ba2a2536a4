import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCOUNT_ERASURE, AccountErasure } from '@haven/identity';
import { NeedsModule, NeedsService, TASK_PARTICIPANTS } from '@haven/needs';
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
import { VolunteerProfilesService } from './volunteer-profiles.service';

export const VOLUNTEERING_ENTITIES = [
  VolunteerProfileEntity,
  SignupEntity,
  SafeguardingClearanceEntity,
  CalendarTokenEntity,
];

const SERVICES = [
  SignupsService,
  SignupQueries,
  VolunteerProfilesService,
  SafeguardingService,
  CalendarService,
  MatchingService,
];

/**
 * Deleting an account: the membership first (a sole owner with other members is refused before
 * anything changes; the only member closes the organisation, whose open work is then cancelled),
 * then the live sign-ups.
 */
const accountErasure = (
  membership: MembershipService,
  needs: NeedsService,
  signups: SignupsService,
): AccountErasure => ({
  erase: async (manager, userId, why) => {
    const closed = await membership.erase(manager, userId, why === 'deleted');
    if (closed) await needs.cancelAllOf(manager, closed, userId);
    await signups.erase(manager, userId);
  },
});

/**
 * Global only to hand lower contexts the ports it implements, which they cannot import from here
 * without a cycle: TaskParticipants (who is signed up) to needs, AccountErasure to identity.
 */
@Global()
@Module({
  imports: [NeedsModule, OrganizationsModule, TypeOrmModule.forFeature(VOLUNTEERING_ENTITIES)],
  providers: [
    ...SERVICES,
    SignupWriter,
    TaskParticipantsAdapter,
    { provide: TASK_PARTICIPANTS, useExisting: TaskParticipantsAdapter },
    {
      provide: ACCOUNT_ERASURE,
      useFactory: accountErasure,
      inject: [MembershipService, NeedsService, SignupsService],
    },
  ],
  exports: [...SERVICES, TASK_PARTICIPANTS, ACCOUNT_ERASURE],
})
export class VolunteeringModule {}
