import { Body, Controller, Delete, Get, Header, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Public, Roles } from '@haven/core';
import { CalendarService, SignupQueries, VolunteerProfilesService } from '@haven/volunteering';
import { CalendarQuery, VolunteerProfileDto } from './dto/volunteering.dto';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeVolunteeringController {
  constructor(
    private readonly profiles: VolunteerProfilesService,
    private readonly queries: SignupQueries,
    private readonly calendar: CalendarService,
  ) {}

  @Get('volunteer-profile')
  @Roles('volunteer')
  profile(@CurrentUser() actor: Actor) {
    return this.profiles.get(actor);
  }

  @Put('volunteer-profile')
  @Roles('volunteer')
  saveProfile(@CurrentUser() actor: Actor, @Body() dto: VolunteerProfileDto) {
    return this.profiles.put(actor, dto);
  }

  @Get('signups')
  @Roles('volunteer')
  signups(@CurrentUser() actor: Actor, @Query() page: PageQuery) {
    return this.queries.mine(actor, page);
  }

  /** Issues (or replaces) the secret address of the caller's shift calendar. */
  @Post('calendar-token')
  @Roles('volunteer')
  issueCalendar(@CurrentUser() actor: Actor) {
    return this.calendar.issue(actor);
  }

  @Delete('calendar-token')
  @Roles('volunteer')
  @HttpCode(204)
  revokeCalendar(@CurrentUser() actor: Actor) {
    return this.calendar.revoke(actor);
  }

  /** Calendar apps cannot send a bearer token: the feed's own token authenticates it. */
  @Get('calendar.ics')
  @Public()
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  feed(@Query() query: CalendarQuery) {
    return this.calendar.feed(query.token);
  }
}
