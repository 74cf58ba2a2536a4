import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { Optional, PageQuery, QueryBoolean } from '@haven/core';
import type { DigestFrequency } from '@haven/notifications';
import { ApiEnum, ApiUuid } from '../../openapi/schema';

export class FeedQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread (true) or only read (false) notifications' })
  @Optional()
  @QueryBoolean()
  unread?: boolean;
}

export class PreferencesDto {
  @ApiProperty()
  @IsBoolean()
  email: boolean;

  @ApiProperty()
  @IsBoolean()
  inApp: boolean;

  @ApiEnum('DigestFrequency')
  @IsIn(['off', 'daily', 'weekly'], { message: 'must be off, daily or weekly' })
  digest: DigestFrequency;
}

export class NotificationDto {
  @ApiUuid() id: string;
  @ApiProperty({ example: 'organization.approved', description: 'The event that caused it' }) type: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

/** How many in-app notifications are unread. */
export class UnreadCountDto {
  /** Unread in-app notifications of the caller. */
  count: number;
}
