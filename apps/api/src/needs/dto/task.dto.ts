import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import {
  FreeText,
  IsoInstant,
  LanguageTags,
  NoControlCharacters,
  Omittable,
  NEED_CATEGORIES,
  NeedCategory,
  PageQuery,
  QueryBoolean,
} from '@haven/core';
import { ApiDateTime, ApiEnum, ApiInteger, ApiUuid } from '../../openapi/schema';

export class CreateTaskDto {
  @ApiProperty({ example: 'English conversation circle', maxLength: 200 })
  @FreeText(200, 3)
  title: string;

  @ApiProperty({ maxLength: 5000 })
  @FreeText(5000)
  description: string;

  @ApiDateTime({ example: '2026-12-01T09:00:00.000Z' })
  @IsoInstant()
  startsAt: string;

  @ApiDateTime({ example: '2026-12-01T12:00:00.000Z', description: 'After startsAt' })
  @IsoInstant()
  endsAt: string;

  @ApiInteger(1, 1000)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 50 },
    maxItems: 20,
    example: ['teaching', 'arabic'],
    default: [],
  })
  @Omittable()
  @FreeText(50, { maxItems: 20 })
  skills?: string[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: 35 },
    maxItems: 20,
    example: ['ar', 'en'],
    description:
      'BCP 47: language, optional script and region (ar, ku-Latn, ckb-IQ); no private-use, extension or variant subtags',
    default: [],
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @LanguageTags()
  languages?: string[];

  @ApiPropertyOptional({ default: false })
  @Omittable()
  @IsBoolean()
  remote?: boolean;

  @ApiEnum('SignupMode', { required: false, default: 'open' })
  @Omittable()
  @IsIn(['open', 'review'], { message: 'must be open or review' })
  signupMode?: 'open' | 'review';

  @ApiPropertyOptional({ default: false, description: 'Forces review sign-up' })
  @Omittable()
  @IsBoolean()
  requiresSafeguarding?: boolean;
}

/** Every field may be left out, none sent as null. */
export class UpdateTaskDto extends PartialType(CreateTaskDto, { skipNullProperties: false }) {}

export class TaskListQuery extends PageQuery {
  @ApiUuid({ required: false })
  @IsOptional()
  @IsUUID()
  campId?: string;

  @ApiEnum('NeedCategory', { required: false })
  @IsOptional()
  @IsIn(NEED_CATEGORIES)
  category?: NeedCategory;

  @ApiPropertyOptional({ example: 'teaching' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @NoControlCharacters()
  skill?: string;

  @ApiPropertyOptional({ example: 'ar', maxLength: 35, description: 'BCP 47' })
  @IsOptional()
  @LanguageTags({ each: false, message: 'must be a BCP 47 language tag such as ar or ku-Latn' })
  language?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  remote?: boolean;

  @ApiDateTime({ required: false, description: 'Tasks starting at or after this time' })
  @IsOptional()
  @IsoInstant()
  from?: string;

  @ApiDateTime({ required: false, description: 'Tasks starting before this time' })
  @IsOptional()
  @IsoInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Only tasks with (true) or without (false) a free place' })
  @IsOptional()
  @QueryBoolean()
  hasSpace?: boolean;

  @ApiUuid({ required: false })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiUuid({ required: false })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}
