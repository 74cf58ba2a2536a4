import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Optional, PageQuery, QueryBoolean } from '@haven/core';
import type { DigestFrequency } from '@haven/notifications';
import { ApiEnum, ApiUuid } from '../../openapi/schema';

export class FeedQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread (true) or only read (false) notifications' })
  @Optional()
  @QueryBoolean()
  unread?: boolean;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursDto {
  @ApiProperty({ example: '22:00', description: "Local time at the task's camp" })
  @MaxLength(5)
  @Matches(TIME, { message: 'must be a time HH:MM' })
  from: string;

  @ApiProperty({ example: '07:00' })
  @MaxLength(5)
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

  @ApiEnum('DigestFrequency')
  @IsIn(['off', 'daily', 'weekly'], { message: 'must be off, daily or weekly' })
  digest: DigestFrequency;

  @ApiPropertyOptional({
    description:
      'Texts (reminders, promotions, changes, cancellations); needs a verified phone (409 otherwise)',
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

export class PreferencesViewDto {
  email: boolean;
  inApp: boolean;
  sms: boolean;
  @ApiEnum('DigestFrequency') digest: string;
  @ApiProperty({ type: QuietHoursDto, nullable: true }) quietHours: QuietHoursDto | null;
}

/** What a notification is about: its page in the app is the subject's. */
export class NotificationSubjectDto {
  @ApiEnum('NotificationSubjectType') type: string;
  @ApiUuid() id: string;
}

export class NotificationDto {
  @ApiUuid() id: string;
  @ApiProperty({ example: 'organization.approved', description: 'The event that caused it' }) type: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
  @ApiProperty({
    type: NotificationSubjectDto,
    nullable: true,
    description: 'The task, need or organisation it is about (the task when it names one); null for a digest',
  })
  subject: NotificationSubjectDto | null;
}

/** How many in-app notifications are unread. */
export class UnreadCountDto {
  /** Unread in-app notifications of the caller. */
  count: number;
}
