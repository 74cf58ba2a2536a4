import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, RequiresVerifiedEmail, Roles } from '@haven/core';
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

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly vetting: VettingService,
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

  @Post(':id/members')
  @Roles('coordinator')
  addMember(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: AddMemberDto) {
    return this.organizations.addMember(actor, id, dto.email);
  }

  @Patch(':id/members/:userId')
  @Roles('coordinator')
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
  removeMember(@CurrentUser() actor: Actor, @IdParam() id: string, @IdParam('userId') userId: string) {
    return this.organizations.removeMember(actor, id, userId);
  }
}
