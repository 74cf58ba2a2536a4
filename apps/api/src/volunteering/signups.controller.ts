import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, EmptyBody, PageQuery, RequiresVerifiedEmail, Roles } from '@haven/core';
import { MatchingService, SignupQueries, SignupsService } from '@haven/volunteering';
import { IdParam } from '../id-param';
import { AttendanceDto, RecommendedQuery } from './dto/volunteering.dto';

@ApiTags('sign-ups')
@ApiBearerAuth()
@Controller()
export class SignupsController {
  constructor(
    private readonly signups: SignupsService,
    private readonly queries: SignupQueries,
    private readonly matching: MatchingService,
  ) {}

  @Get('tasks/recommended')
  @Roles('volunteer')
  recommended(@CurrentUser() actor: Actor, @Query() query: RecommendedQuery) {
    return this.matching.recommend(actor, query.limit);
  }

  @Post('tasks/:id/signups')
  @Roles('volunteer')
  @RequiresVerifiedEmail()
  signUp(@CurrentUser() actor: Actor, @IdParam() taskId: string, @Body() _body: EmptyBody) {
    return this.signups.signUp(actor, taskId);
  }

  @Delete('tasks/:id/signups/me')
  @Roles('volunteer')
  @HttpCode(204)
  withdraw(@CurrentUser() actor: Actor, @IdParam() taskId: string) {
    return this.signups.withdraw(actor, taskId);
  }

  @Get('tasks/:id/signups')
  @Roles('coordinator', 'admin')
  list(@CurrentUser() actor: Actor, @IdParam() taskId: string, @Query() page: PageQuery) {
    return this.queries.forTask(actor, taskId, page);
  }

  @Post('signups/:id/approve')
  @Roles('coordinator')
  @HttpCode(200)
  approve(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.signups.approve(actor, id);
  }

  @Post('signups/:id/decline')
  @Roles('coordinator')
  @HttpCode(200)
  decline(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.signups.decline(actor, id);
  }

  @Post('signups/:id/attendance')
  @Roles('coordinator')
  @HttpCode(200)
  attendance(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: AttendanceDto) {
    return this.signups.recordAttendance(actor, id, dto);
  }
}
