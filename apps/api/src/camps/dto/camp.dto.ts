import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsNumber, IsOptional, IsTimeZone, Max, Min, ValidateIf } from 'class-validator';
import { FreeText } from '@haven/core';
import { ApiUuid } from '../../openapi/schema';

export class CreateCampDto {
  @ApiProperty({ example: 'Azraq (fictional block list)', maxLength: 200 })
  @FreeText(200, { min: 2 })
  name: string;

  @ApiProperty({ example: 'JO', description: 'ISO 3166-1 alpha-2', pattern: '^[A-Z]{2}$', maxLength: 2 })
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code' })
  country: string;

  @ApiProperty({ example: 'Zarqa', maxLength: 200 })
  @FreeText(200)
  region: string;

  @ApiProperty({ example: 'Asia/Amman', description: 'IANA time zone', maxLength: 64 })
  @IsTimeZone({ message: 'must be an IANA time zone such as Asia/Amman' })
  timezone: string;

  @ApiPropertyOptional({
    type: 'number',
    example: 31.9,
    minimum: -90,
    maximum: 90,
    nullable: true,
    description: 'Stored rounded to two decimals (about 1 km)',
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ type: 'number', example: 36.58, minimum: -180, maximum: 180, nullable: true })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;
}

export class UpdateCampDto extends PartialType(CreateCampDto, { skipNullProperties: false }) {}

export class CampDto {
  @ApiUuid() id: string;
  name: string;
  @ApiProperty({ example: 'JO', description: 'ISO 3166-1 alpha-2' }) country: string;
  region: string;
  @ApiProperty({ example: 'Asia/Amman', description: 'IANA time zone' }) timezone: string;
  @ApiProperty({ type: 'number', nullable: true, minimum: -90, maximum: 90, description: 'Two decimals' })
  latitude: number | null;
  @ApiProperty({ type: 'number', nullable: true, minimum: -180, maximum: 180, description: 'Two decimals' })
  longitude: number | null;
}
