import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { FreeText, IsoDate, LanguageTags, Omittable } from '@haven/core';
import { ApiDate, ApiEnum, ApiInteger, ApiUuid } from '../../openapi/schema';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class AvailabilityDto {
  @ApiInteger(0, 6, { description: '0 = Sunday … 6 = Saturday' })
  @IsInt()
  @Min(0)
  @Max(6)
  weekday: number;

  @ApiProperty({
    example: '09:00',
    pattern: TIME.source,
    maxLength: 5,
    description: 'Local time at the camp',
  })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  from: string;

  @ApiProperty({ example: '13:00', pattern: TIME.source, maxLength: 5 })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  to: string;
}

export class VolunteerProfileDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 50 },
    maxItems: 30,
    example: ['teaching', 'football'],
  })
  @FreeText(50, { maxItems: 30 })
  skills: string[];

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 35 },
    maxItems: 20,
    example: ['ar', 'en'],
    description:
      'BCP 47: language, optional script and region (ar, ku-Latn, ckb-IQ); no private-use, extension or variant subtags',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @LanguageTags()
  languages: string[];

  @ApiProperty({ type: [AvailabilityDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityDto)
  availability: AvailabilityDto[];

  @ApiProperty({ description: 'Willing to work remotely' })
  @IsBoolean()
  remote: boolean;

  @ApiUuid({ isArray: true, description: 'Preferred camps' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  campIds: string[];

  @ApiPropertyOptional({ type: 'string', maxLength: 2000, nullable: true })
  @Omittable()
  @ValidateIf((_object, value) => value !== null)
  @FreeText(2000)
  bio?: string | null;
}

export class AttendanceDto {
  @ApiEnum('AttendanceStatus')
  @IsIn(['attended', 'no_show'], { message: 'must be attended or no_show' })
  status: 'attended' | 'no_show';

  @ApiPropertyOptional({ minimum: 0.25, maximum: 24, description: "Defaults to the task's length" })
  @Omittable()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.25)
  @Max(24)
  hours?: number;
}

export class ClearanceDto {
  @ApiUuid()
  @IsUUID()
  volunteerId: string;

  @ApiDate({ description: 'From today to at most 3 years ahead' })
  @IsoDate()
  validUntil: string;
}

export class RevokeClearanceDto {
  @ApiProperty({
    maxLength: 2000,
    description: 'Why; kept with the revoked clearance, never shown to the volunteer',
  })
  @FreeText(2000)
  reason: string;
}

export class RecommendedQuery {
  @ApiInteger(1, 50, { required: false, default: 20 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 20;
}

export class CalendarQuery {
  @ApiProperty({ description: 'The token from POST /me/calendar-token' })
  @IsString()
  @Length(20, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'is not a calendar token' })
  token: string;
}
