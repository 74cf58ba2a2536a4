import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, Roles } from '@haven/core';
import { OrganizationsService, VettingService } from '@haven/organizations';
import {
  AddMemberDto,
  ApplyOrganizationDto,
  ApproveDto,
  MemberRoleDto,
  OrganizationListQuery,
  ReasonDto,
} from './dto/organization.dto';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import {
  AddedMemberDto,
  MemberListDto,
  MemberRoleChangeDto,
  OrganizationDto,
} from './dto/organization-views.dto';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly vetting: VettingService,
  ) {}

  /** Applies for an organisation; it stays pending until an admin approves it. */
  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiProblems(409, 422)
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

  /** Adds a registered coordinator, by e-mail, as a member. */
  @Post(':id/members')
  @Roles('coordinator')
  @ApiCreatedResponse({ type: AddedMemberDto })
  @ApiProblems(409)
  addMember(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: AddMemberDto) {
    return this.organizations.addMember(actor, id, dto.email);
  }

  /** Changes a member's role; making another member owner hands ownership over. */
  @Patch(':id/members/:userId')
  @Roles('coordinator')
  @ApiOkResponse({ type: MemberRoleChangeDto })
  @ApiProblems(409)
  changeMemberRole(
    @CurrentUser() actor: Actor,
    @IdParam() id: string,
    @IdParam('userId') userId: string,
    @Body() dto: MemberRoleDto,
  ) {
    return this.organizations.changeMemberRole(actor, id, userId, dto.memberRole);
  }

  /** Removes a member; the owner cannot be removed. */
  @Delete(':id/members/:userId')
  @Roles('coordinator')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(409)
  removeMember(@CurrentUser() actor: Actor, @IdParam() id: string, @IdParam('userId') userId: string) {
    return this.organizations.removeMember(actor, id, userId);
  }
}
