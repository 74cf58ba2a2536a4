import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
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
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { MemberListDto, MemberRoleChangeDto, OrganizationDto } from './dto/organization-views.dto';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly vetting: VettingService,
    private readonly invitations: InvitationsService,
    private readonly membership: MembershipService,
  ) {}

  /** Applies for an organisation; it stays pending until an admin approves it. */
  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiProblems(409, 422)
  @RequiresVerifiedEmail()
  apply(@CurrentUser() actor: Actor, @Body() dto: ApplyOrganizationDto) {
    return this.organizations.apply(actor, dto);
  }

  /** Lists organisations: approved ones for everyone; admins see every status. */
  @Get()
  @ApiPage(OrganizationDto)
  list(@CurrentUser() actor: Actor, @Query() query: OrganizationListQuery) {
    return this.organizations.list(actor, { status: query.status, reviewDue: query.reviewDue }, query);
  }

  /** One organisation, with the full record for its members and admins. */
  @Get(':id')
  @ApiOkResponse({ type: OrganizationDto })
  get(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.organizations.get(actor, id);
  }

  /** Approves a pending organisation after vetting (admins). */
  @Post(':id/approve')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganizationDto, description: 'Approved' })
  @ApiProblems(409, 422)
  approve(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ApproveDto) {
    return this.vetting.decide(actor, id, 'approve', { reason: dto.note, reviewBy: dto.reviewBy });
  }

  /** Rejects a pending organisation, with the reason it is told (admins). */
  @Post(':id/reject')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganizationDto, description: 'Rejected' })
  @ApiProblems(409, 422)
  reject(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.vetting.decide(actor, id, 'reject', dto);
  }

  /** Suspends an approved organisation: its needs and tasks leave the public lists (admins). */
  @Post(':id/suspend')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganizationDto, description: 'Suspended' })
  @ApiProblems(409, 422)
  suspend(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.vetting.decide(actor, id, 'suspend', dto);
  }

  /** Reinstates a suspended organisation (admins). */
  @Post(':id/reinstate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganizationDto, description: 'Approved again' })
  @ApiProblems(409, 422)
  reinstate(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ApproveDto) {
    return this.vetting.decide(actor, id, 'reinstate', { reason: dto.note, reviewBy: dto.reviewBy });
  }

  /** The organisation's members (its members and admins). */
  @Get(':id/members')
  @ApiOkResponse({ type: MemberListDto })
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
  @ApiOkResponse({ type: MemberRoleChangeDto })
  @ApiProblems(409)
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
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(409)
  removeMember(@CurrentUser() actor: Actor, @IdParam() id: string, @IdParam('userId') userId: string) {
    return this.membership.remove(actor, id, userId);
  }
}
