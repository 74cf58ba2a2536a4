import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { Actor, CurrentUser, EmptyBody, Optional, PageQuery, QueryBoolean } from '@haven/core';
import { DigestFrequency, FeedService, PreferencesService } from '@haven/notifications';
import { IdParam } from '../id-param';

export class FeedQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread (true) or only read (false) notifications' })
  @Optional()
  @QueryBoolean()
  unread?: boolean;
}

export class UnreadCountDto {
  @ApiProperty()
  count: number;
}

export class PreferencesDto {
  @ApiProperty()
  @IsBoolean()
  email: boolean;

  @ApiProperty()
  @IsBoolean()
  inApp: boolean;

  @ApiProperty({ enum: ['off', 'daily', 'weekly'] })
  @IsIn(['off', 'daily', 'weekly'], { message: 'must be off, daily or weekly' })
  digest: DigestFrequency;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class NotificationsController {
  constructor(
    private readonly feed: FeedService,
    private readonly preferences: PreferencesService,
  ) {}

  @Get('notifications')
  list(@CurrentUser() actor: Actor, @Query() query: FeedQuery) {
    const { unread, ...page } = query;
    return this.feed.list(actor, unread, page);
  }

  @Get('notifications/unread-count')
  @ApiOkResponse({
    type: UnreadCountDto,
    description: "How many of the caller's in-app notifications are unread",
  })
  unreadCount(@CurrentUser() actor: Actor) {
    return this.feed.unreadCount(actor);
  }

  @Post('notifications/read-all')
  @HttpCode(204)
  readAll(@CurrentUser() actor: Actor, @Body() _body: EmptyBody) {
    return this.feed.markAllRead(actor);
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  read(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.feed.markRead(actor, id);
  }

  @Get('notification-preferences')
  getPreferences(@CurrentUser() actor: Actor) {
    return this.preferences.get(actor);
  }

  @Put('notification-preferences')
  putPreferences(@CurrentUser() actor: Actor, @Body() dto: PreferencesDto) {
    return this.preferences.put(actor, dto);
  }
}
