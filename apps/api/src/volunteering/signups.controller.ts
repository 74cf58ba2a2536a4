import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, EmptyBody, Page, PageQuery, RequiresVerifiedEmail, Roles } from '@haven/core';
import { TaskView } from '@haven/needs';
import { MatchingService, SignupQueries, SignupsService } from '@haven/volunteering';
import { BrowseCached } from '../browse/browse-cache';
import { IdParam } from '../id-param';
import { RecommendedTaskDto } from '../needs/dto/need-views.dto';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { SignupDto, TaskSignupDto } from './dto/volunteering-views.dto';
import { AttendanceDto, RecommendedQuery } from './dto/volunteering.dto';

@ApiTags('sign-ups')
@Controller()
export class SignupsController {
  constructor(
    private readonly signups: SignupsService,
    private readonly queries: SignupQueries,
    private readonly matching: MatchingService,
  ) {}

  /** Open tasks of the next 60 days that match the caller's profile, best first. */
  @Get('tasks/recommended')
  @Roles('volunteer')
  @ApiPage(RecommendedTaskDto)
  @BrowseCached({
    perCaller: true,
    versions: () => ['tasks'],
    // Until the first task shown starts; a task coming within the 60 days appears within the cache's minute.
    validUntil: (page) => Math.min(...(page as Page<TaskView>).items.map((task) => task.startsAt.getTime())),
  })
  recommended(@CurrentUser() actor: Actor, @Query() query: RecommendedQuery) {
    return this.matching.recommend(actor, query.limit);
  }

  /** Signs the caller up: confirmed, waitlisted when full, or pending review. */
  @Post('tasks/:id/signups')
  @Roles('volunteer')
  @ApiCreatedResponse({ type: SignupDto })
  @ApiProblems(409)
  @RequiresVerifiedEmail()
  signUp(@CurrentUser() actor: Actor, @IdParam() taskId: string, @Body() _body: EmptyBody) {
    return this.signups.signUp(actor, taskId);
  }

  /** Withdraws the caller's sign-up. */
  @Delete('tasks/:id/signups/me')
  @Roles('volunteer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Withdrawn; the place goes to the waitlist' })
  @ApiProblems(409)
  withdraw(@CurrentUser() actor: Actor, @IdParam() taskId: string) {
    return this.signups.withdraw(actor, taskId);
  }

  /** A task's sign-ups, in the order they came, with each volunteer's recent no-shows here. */
  @Get('tasks/:id/signups')
  @Roles('coordinator', 'admin')
  @ApiPage(TaskSignupDto)
  list(@CurrentUser() actor: Actor, @IdParam() taskId: string, @Query() page: PageQuery) {
    return this.queries.forTask(actor, taskId, page);
  }

  /** Approves a pending sign-up (confirmed, or waitlisted when full). */
  @Post('signups/:id/approve')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: SignupDto })
  @ApiProblems(409)
  approve(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.signups.approve(actor, id);
  }

  /** Declines a pending sign-up. */
  @Post('signups/:id/decline')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: SignupDto })
  @ApiProblems(409)
  decline(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.signups.decline(actor, id);
  }

  /** Records whether the volunteer came, and the hours worked, once the task has started. */
  @Post('signups/:id/attendance')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: SignupDto })
  @ApiProblems(409)
  attendance(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: AttendanceDto) {
    return this.signups.recordAttendance(actor, id, dto);
  }
}
