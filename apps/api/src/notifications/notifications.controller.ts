import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, EmptyBody } from '@haven/core';
import { FeedService, PreferencesService } from '@haven/notifications';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import {
  FeedQuery,
  NotificationDto,
  PreferencesDto,
  PreferencesViewDto,
  UnreadCountDto,
} from './dto/notification.dto';

@ApiTags('notifications')
@Controller('me')
export class NotificationsController {
  constructor(
    private readonly feed: FeedService,
    private readonly preferences: PreferencesService,
  ) {}

  /** The caller's in-app notifications, newest first. */
  @Get('notifications')
  @ApiPage(NotificationDto)
  list(@CurrentUser() actor: Actor, @Query() query: FeedQuery) {
    const { unread, ...page } = query;
    return this.feed.list(actor, unread, page);
  }

  /** How many of the caller's in-app notifications are unread: the bell's badge. */
  @Get('notifications/unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  unreadCount(@CurrentUser() actor: Actor) {
    return this.feed.unreadCount(actor);
  }

  /** Marks every notification of the caller read. */
  @Post('notifications/read-all')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'All read' })
  readAll(@CurrentUser() actor: Actor, @Body() _body: EmptyBody) {
    return this.feed.markAllRead(actor);
  }

  /** Marks one notification read. */
  @Post('notifications/:id/read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Read' })
  read(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.feed.markRead(actor, id);
  }

  /** How the caller wants to be notified. */
  @Get('notification-preferences')
  @ApiOkResponse({ type: PreferencesViewDto })
  getPreferences(@CurrentUser() actor: Actor) {
    return this.preferences.get(actor);
  }

  /** Saves how the caller wants to be notified. */
  @Put('notification-preferences')
  @ApiOkResponse({ type: PreferencesViewDto })
  @ApiProblems(409)
  putPreferences(@CurrentUser() actor: Actor, @Body() dto: PreferencesDto) {
    return this.preferences.put(actor, dto);
  }
}
