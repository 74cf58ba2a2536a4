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
  Optional,
  NEED_CATEGORIES,
  NeedCategory,
  PageQuery,
  QueryBoolean,
} from '@haven/core';

export class CreateTaskDto {
  @ApiProperty({ example: 'English conversation circle', maxLength: 200 })
  @FreeText(200, 3)
  title: string;

  @ApiProperty({ maxLength: 5000 })
  @FreeText(5000)
  description: string;

  @ApiProperty({ example: '2026-12-01T09:00:00.000Z' })
  @IsoInstant()
  startsAt: string;

  @ApiProperty({ example: '2026-12-01T12:00:00.000Z', description: 'After startsAt' })
  @IsoInstant()
  endsAt: string;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiPropertyOptional({ type: [String], example: ['teaching', 'arabic'], default: [] })
  @Optional()
  @FreeText(50, { maxItems: 20 })
  skills?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['ar', 'en'],
    description:
      'BCP 47: language, optional script and region (ar, ku-Latn, ckb-IQ); no private-use, extension or variant subtags',
    default: [],
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @LanguageTags()
  languages?: string[];

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean()
  remote?: boolean;

  @ApiPropertyOptional({ enum: ['open', 'review'], default: 'open' })
  @Optional()
  @IsIn(['open', 'review'], { message: 'must be open or review' })
  signupMode?: 'open' | 'review';

  @ApiPropertyOptional({ default: false, description: 'Forces review sign-up' })
  @Optional()
  @IsBoolean()
  requiresSafeguarding?: boolean;
}

/** Every field may be left out, none sent as null. */
export class UpdateTaskDto extends PartialType(CreateTaskDto, { skipNullProperties: false }) {}

export class TaskListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campId?: string;

  @ApiPropertyOptional({ enum: NEED_CATEGORIES })
  @IsOptional()
  @IsIn(NEED_CATEGORIES)
  category?: NeedCategory;

  @ApiPropertyOptional({ example: 'teaching' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @NoControlCharacters()
  skill?: string;

  @ApiPropertyOptional({ example: 'ar' })
  @IsOptional()
  @LanguageTags({ each: false, message: 'must be a BCP 47 language tag such as ar or ku-Latn' })
  language?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  remote?: boolean;

  @ApiPropertyOptional({ description: 'Tasks starting at or after this time' })
  @IsOptional()
  @IsoInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Tasks starting before this time' })
  @IsOptional()
  @IsoInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Only tasks with (true) or without (false) a free place' })
  @IsOptional()
  @QueryBoolean()
  hasSpace?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}
