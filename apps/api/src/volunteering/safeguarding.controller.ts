import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { SafeguardingService } from '@haven/volunteering';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { ClearanceViewDto } from './dto/volunteering-views.dto';
import { ClearanceDto } from './dto/volunteering.dto';

@ApiTags('organizations')
@Controller('organizations/:id/safeguarding-clearances')
export class SafeguardingController {
  constructor(private readonly safeguarding: SafeguardingService) {}

  /** Records that the organisation has cleared a volunteer for safeguarding, until a date. */
  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: ClearanceViewDto })
  @ApiProblems(409)
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
}
