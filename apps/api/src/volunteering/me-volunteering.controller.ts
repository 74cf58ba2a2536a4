import { Body, Controller, Delete, Get, Header, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Public, Roles } from '@haven/core';
import { CalendarService, SignupQueries, VolunteerProfilesService } from '@haven/volunteering';
import { ApiCalendarToken, ApiProblems } from '../openapi/decorators';
import { CalendarQuery, VolunteerProfileDto } from './dto/volunteering.dto';
import { CalendarTokenDto, MySignupsPageDto } from './dto/volunteering-views.dto';

@ApiTags('me')
@Controller('me')
export class MeVolunteeringController {
  constructor(
    private readonly profiles: VolunteerProfilesService,
    private readonly queries: SignupQueries,
    private readonly calendar: CalendarService,
  ) {}

  /** The caller's volunteer profile (empty until saved). */
  @Get('volunteer-profile')
  @Roles('volunteer')
  @ApiOkResponse({ type: VolunteerProfileDto })
  profile(@CurrentUser() actor: Actor) {
    return this.profiles.get(actor);
  }

  /** Saves the caller's volunteer profile: skills, languages, availability, preferred camps. */
  @Put('volunteer-profile')
  @Roles('volunteer')
  @ApiOkResponse({ type: VolunteerProfileDto })
  @ApiProblems(422)
  saveProfile(@CurrentUser() actor: Actor, @Body() dto: VolunteerProfileDto) {
    return this.profiles.put(actor, dto);
  }

  /** The caller's sign-ups, newest first, with their totals. */
  @Get('signups')
  @Roles('volunteer')
  @ApiOkResponse({ type: MySignupsPageDto })
  signups(@CurrentUser() actor: Actor, @Query() page: PageQuery) {
    return this.queries.mine(actor, page);
  }

  /** Issues (or replaces) the secret address of the caller's shift calendar. */
  @Post('calendar-token')
  @Roles('volunteer')
  @ApiCreatedResponse({ type: CalendarTokenDto })
  issueCalendar(@CurrentUser() actor: Actor) {
    return this.calendar.issue(actor);
  }

  /** Revokes the calendar's secret address. */
  @Delete('calendar-token')
  @Roles('volunteer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: the old address answers 401' })
  revokeCalendar(@CurrentUser() actor: Actor) {
    return this.calendar.revoke(actor);
  }

  /** Calendar apps cannot send a bearer token: the feed's own token authenticates it. */
  @Get('calendar.ics')
  @Public()
  @ApiCalendarToken()
  @ApiProblems(404)
  @ApiOkResponse({
    description: 'An iCalendar feed of the caller’s confirmed shifts',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  feed(@Query() query: CalendarQuery) {
    return this.calendar.feed(query.token);
  }
}
