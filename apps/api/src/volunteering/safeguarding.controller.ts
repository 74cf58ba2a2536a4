import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { SafeguardingService } from '@haven/volunteering';
import { IdParam } from '../id-param';
import { ClearanceDto } from './dto/volunteering.dto';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/:id/safeguarding-clearances')
export class SafeguardingController {
  constructor(private readonly safeguarding: SafeguardingService) {}

  @Post()
  @Roles('coordinator')
  record(@CurrentUser() actor: Actor, @IdParam() organizationId: string, @Body() dto: ClearanceDto) {
    return this.safeguarding.record(actor, organizationId, dto.volunteerId, dto.validUntil);
  }

  @Get()
  @Roles('coordinator', 'admin')
  list(@CurrentUser() actor: Actor, @IdParam() organizationId: string, @Query() page: PageQuery) {
    return this.safeguarding.list(actor, organizationId, page);
  }
}
