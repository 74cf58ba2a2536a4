import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { SafeguardingService } from '@haven/volunteering';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { ClearanceViewDto } from './dto/volunteering-views.dto';
import { ClearanceDto, RevokeClearanceDto } from './dto/volunteering.dto';

@ApiTags('organizations')
@Controller('organizations/:id/safeguarding-clearances')
export class SafeguardingController {
  constructor(private readonly safeguarding: SafeguardingService) {}

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: ClearanceViewDto })
  @ApiProblems(409)
  @ApiOperation({
    summary: 'Record a clearance (members of an approved organisation)',
    description:
      '`validUntil` from today to at most 3 years ahead; 404 unless the volunteer has signed up for one of this organisation’s tasks.',
  })
  record(@CurrentUser() actor: Actor, @IdParam() organizationId: string, @Body() dto: ClearanceDto) {
    return this.safeguarding.record(actor, organizationId, dto.volunteerId, dto.validUntil);
  }

  /** The organisation's safeguarding clearances. */
  @Get()
  @Roles('coordinator', 'admin')
  @ApiPage(ClearanceViewDto)
  list(@CurrentUser() actor: Actor, @IdParam() organizationId: string, @Query() page: PageQuery) {
    return this.safeguarding.list(actor, organizationId, page);
  }

  @Delete(':clearanceId')
  @Roles('coordinator')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a clearance (members)',
    description:
      'The clearance is kept, marked revoked. The volunteer’s confirmed places on this organisation’s safeguarded tasks go back to pending review, freed places go to the waitlist, and the volunteer and the members are told.',
  })
  @ApiNoContentResponse()
  @ApiProblems(409, 422)
  revoke(
    @CurrentUser() actor: Actor,
    @IdParam() organizationId: string,
    @IdParam('clearanceId') clearanceId: string,
    @Body() dto: RevokeClearanceDto,
  ) {
    return this.safeguarding.revoke(actor, organizationId, clearanceId, dto.reason);
  }
}
