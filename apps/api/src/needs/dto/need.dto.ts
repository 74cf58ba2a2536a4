import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  FreeText,
  IsoDate,
  NEED_CATEGORIES,
  NeedCategory,
  NoControlCharacters,
  Omittable,
  PageQuery,
} from '@haven/core';
import { AGE_GROUPS, AgeGroup, NEED_STATUSES, NeedStatus, URGENCIES, Urgency } from '@haven/needs';
import { ApiDate, ApiEnum, ApiInteger, ApiUuid } from '../../openapi/schema';

export class BeneficiariesInputDto {
  @ApiInteger(1, 100_000, { description: 'How many people, in aggregate' })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100_000)
  count: number;

  @ApiEnum('AgeGroup')
  @IsIn(AGE_GROUPS, { message: `must be one of ${AGE_GROUPS.join(', ')}` })
  ageGroup: AgeGroup;
}

export class ItemDto {
  @ApiUuid({ required: false, description: 'On edit: the item to change; leave out to add one' })
  @Omittable()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'School notebooks', maxLength: 200 })
  @FreeText(200)
  name: string;

  @ApiProperty({ example: 'boxes of 50', maxLength: 50 })
  @FreeText(50)
  unit: string;

  @ApiInteger(1, 1_000_000)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}

export class CreateNeedDto {
  @ApiUuid()
  @IsUUID(undefined, { message: 'must be a camp id' })
  campId: string;

  @ApiEnum('NeedCategory')
  @IsIn(NEED_CATEGORIES, { message: `must be one of ${NEED_CATEGORIES.join(', ')}` })
  category: NeedCategory;

  @ApiProperty({ example: 'Evening English classes for teenagers', maxLength: 200 })
  @FreeText(200, 3)
  title: string;

  @ApiProperty({ maxLength: 5000, description: 'Passes the privacy guard: no personal details' })
  @FreeText(5000)
  description: string;

  @ApiEnum('Urgency')
  @IsIn(URGENCIES, { message: `must be one of ${URGENCIES.join(', ')}` })
  urgency: Urgency;

  @ApiPropertyOptional({ type: BeneficiariesInputDto, nullable: true })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => BeneficiariesInputDto)
  beneficiaries?: BeneficiariesInputDto | null;

  @ApiDate({ required: false, example: '2026-12-01', nullable: true })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsoDate()
  startsOn?: string | null;

  @ApiDate({ required: false, example: '2027-02-28', nullable: true })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsoDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ type: [ItemDto], description: 'Supplies wanted; on edit, the full new list' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items?: ItemDto[];
}

/** Every field may be left out; none but the nullable ones (beneficiaries, dates) may be null. */
export class UpdateNeedDto extends PartialType(CreateNeedDto, { skipNullProperties: false }) {}

export class NeedListQuery extends PageQuery {
  @ApiEnum('NeedCategory', { required: false })
  @IsOptional()
  @IsIn(NEED_CATEGORIES)
  category?: NeedCategory;

  @ApiUuid({ required: false })
  @IsOptional()
  @IsUUID()
  campId?: string;

  @ApiEnum('NeedStatus', { required: false, default: 'open' })
  @IsOptional()
  @IsIn(NEED_STATUSES)
  status?: NeedStatus;

  @ApiEnum('Urgency', { required: false })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiUuid({ required: false })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ description: 'Full-text search of titles and descriptions', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoControlCharacters()
  q?: string;

  @ApiEnum('NeedSort', { required: false, default: 'newest' })
  @IsOptional()
  @IsIn(['newest', 'urgency'])
  sort?: 'newest' | 'urgency';
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @Omittable()
  @FreeText(2000)
  reason?: string;
}

export class CreatePledgeDto {
  @ApiInteger(1, 1_000_000)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}
