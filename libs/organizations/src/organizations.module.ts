import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@haven/identity';
import { CampsService } from './camps.service';
import { CampEntity } from './entities/camp.entity';
import { OrganizationDecisionEntity } from './entities/organization-decision.entity';
import { OrganizationInvitationEntity } from './entities/organization-invitation.entity';
import { OrganizationMemberEntity } from './entities/organization-member.entity';
import { OrganizationEntity } from './entities/organization.entity';
import { InvitationsService } from './invitations.service';
import { MeService } from './me.service';
import { MembershipService } from './membership.service';
import { OrganizationAccess } from './organization-access';
import { OrganizationsService } from './organizations.service';
import { PlatformStatsService } from './platform-stats.service';
import { VettingService } from './vetting.service';

export const ORGANIZATION_ENTITIES = [
  OrganizationEntity,
  OrganizationMemberEntity,
  OrganizationInvitationEntity,
  OrganizationDecisionEntity,
  CampEntity,
];

@Module({
  imports: [IdentityModule, TypeOrmModule.forFeature(ORGANIZATION_ENTITIES)],
  providers: [
    OrganizationAccess,
    OrganizationsService,
    VettingService,
    CampsService,
    PlatformStatsService,
    MeService,
    InvitationsService,
    MembershipService,
  ],
  exports: [
    OrganizationAccess,
    OrganizationsService,
    VettingService,
    CampsService,
    PlatformStatsService,
    MeService,
    InvitationsService,
    MembershipService,
  ],
})
export class OrganizationsModule {}
