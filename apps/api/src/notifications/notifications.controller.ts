import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { Actor, CurrentUser, EmptyBody, Optional, PageQuery, QueryBoolean } from '@haven/core';
import { DigestFrequency, FeedService, PreferencesService } from '@haven/notifications';
import { IdParam } from '../id-param';

export class FeedQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread (true) or only read (false) notifications' })
  @Optional()
  @QueryBoolean()
  unread?: boolean;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursDto {
  @ApiProperty({ example: '22:00', description: "Local time at the task's camp" })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  from: string;

  @ApiProperty({ example: '07:00' })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  to: string;
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

  @ApiPropertyOptional({
    description: 'Texts (reminders, promotions, changes, cancellations); needs a verified phone',
  })
  @IsOptional()
  @IsBoolean()
  sms?: boolean;

  @ApiPropertyOptional({
    type: QuietHoursDto,
    nullable: true,
    description: 'Texts are held back between these times',
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;
}

class PreferencesViewDto {
  @ApiProperty() email: boolean;
  @ApiProperty() inApp: boolean;
  @ApiProperty() sms: boolean;
  @ApiProperty({ enum: ['off', 'daily', 'weekly'] }) digest: string;
  @ApiProperty({ type: QuietHoursDto, nullable: true }) quietHours: QuietHoursDto | null;
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
  @ApiOkResponse({ type: PreferencesViewDto })
  getPreferences(@CurrentUser() actor: Actor) {
    return this.preferences.get(actor);
  }

  @Put('notification-preferences')
  @ApiOkResponse({ type: PreferencesViewDto })
  @ApiConflictResponse({ description: '`sms: true` without a verified phone (phone_unverified)' })
  putPreferences(@CurrentUser() actor: Actor, @Body() dto: PreferencesDto) {
    return this.preferences.put(actor, dto);
  }
}
