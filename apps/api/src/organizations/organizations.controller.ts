import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentUser, RequiresVerifiedEmail, Roles } from '@haven/core';
import {
  InvitationsService,
  MembershipService,
  OrganizationsService,
  VettingService,
} from '@haven/organizations';
import {
  ApplyOrganizationDto,
  ApproveDto,
  InviteDto,
  MemberRoleDto,
  OrganizationListQuery,
  ReasonDto,
} from './dto/organization.dto';
import { IdParam } from '../id-param';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly vetting: VettingService,
    private readonly invitations: InvitationsService,
    private readonly membership: MembershipService,
  ) {}

  @Post()
  @Roles('coordinator')
  @RequiresVerifiedEmail()
  apply(@CurrentUser() actor: Actor, @Body() dto: ApplyOrganizationDto) {
    return this.organizations.apply(actor, dto);
  }

  @Get()
  list(@CurrentUser() actor: Actor, @Query() query: OrganizationListQuery) {
    return this.organizations.list(actor, { status: query.status, reviewDue: query.reviewDue }, query);
  }

  @Get(':id')
  get(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.organizations.get(actor, id);
  }

  @Post(':id/approve')
  @Roles('admin')
  @HttpCode(200)
  approve(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ApproveDto) {
    return this.vetting.decide(actor, id, 'approve', { reason: dto.note, reviewBy: dto.reviewBy });
  }

  @Post(':id/reject')
  @Roles('admin')
  @HttpCode(200)
  reject(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.vetting.decide(actor, id, 'reject', dto);
  }

  @Post(':id/suspend')
  @Roles('admin')
  @HttpCode(200)
  suspend(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.vetting.decide(actor, id, 'suspend', dto);
  }

  @Post(':id/reinstate')
  @Roles('admin')
  @HttpCode(200)
  reinstate(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ApproveDto) {
    return this.vetting.decide(actor, id, 'reinstate', { reason: dto.note, reviewBy: dto.reviewBy });
  }

  @Get(':id/members')
  members(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.organizations.listMembers(actor, id);
  }

  @Post(':id/invitations')
  @Roles('coordinator')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Invite a coordinator by e-mail (owners)',
    description:
      'The same answer whatever the address: only a registered coordinator in no organisation receives an invitation, by e-mail and in-app. It lapses after 14 days.',
  })
  @ApiAcceptedResponse({ description: 'Invited, if the address can be' })
  async invite(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: InviteDto): Promise<void> {
    await this.invitations.invite(actor, id, dto.email);
  }

  @Patch(':id/members/:userId')
  @Roles('coordinator')
  @ApiOperation({
    summary: "Change a member's role (owners)",
    description:
      'How an owner hands the organisation over: make another member `owner`, then step down or leave. The last owner cannot step down (409).',
  })
  changeMemberRole(
    @CurrentUser() actor: Actor,
    @IdParam() id: string,
    @IdParam('userId') userId: string,
    @Body() dto: MemberRoleDto,
  ) {
    return this.organizations.changeMemberRole(actor, id, userId, dto.memberRole);
  }

  @Delete(':id/members/:userId')
  @Roles('coordinator')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a member (owners), or leave (any member, for themselves)',
    description: 'Refused (409) when it would leave the organisation without an owner.',
  })
  @ApiNoContentResponse()
  removeMember(@CurrentUser() actor: Actor, @IdParam() id: string, @IdParam('userId') userId: string) {
    return this.membership.remove(actor, id, userId);
  }
}
