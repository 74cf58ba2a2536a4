import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags, PartialType } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsNumber, IsOptional, IsTimeZone, Max, Min, ValidateIf } from 'class-validator';
import { Actor, CurrentUser, FreeText, PageQuery, Roles } from '@haven/core';
import { CampsService } from '@haven/organizations';
import { IdParam } from '../id-param';

export class CreateCampDto {
  @ApiProperty({ example: 'Azraq (fictional block list)', maxLength: 200 })
  @FreeText(200, { min: 2 })
  name: string;

  @ApiProperty({ example: 'JO' })
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code' })
  country: string;

  @ApiProperty({ example: 'Zarqa', maxLength: 200 })
  @FreeText(200)
  region: string;

  @ApiProperty({ example: 'Asia/Amman', description: 'IANA time zone' })
  @IsTimeZone({ message: 'must be an IANA time zone such as Asia/Amman' })
  timezone: string;

  @ApiPropertyOptional({ example: 31.9, description: 'Stored rounded to two decimals (about 1 km)' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ example: 36.58 })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;
}

export class UpdateCampDto extends PartialType(CreateCampDto, { skipNullProperties: false }) {}

@ApiTags('camps')
@ApiBearerAuth()
@Controller('camps')
export class CampsController {
  constructor(private readonly camps: CampsService) {}

  @Get()
  list(@Query() page: PageQuery) {
    return this.camps.list(page);
  }

  @Get(':id')
  get(@IdParam() id: string) {
    return this.camps.get(id);
  }

  @Post()
  @Roles('admin')
  create(@CurrentUser() actor: Actor, @Body() dto: CreateCampDto) {
    return this.camps.create(actor, dto);
  }

  @Patch(':id')
  @Roles('admin')
  update(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: UpdateCampDto) {
    return this.camps.update(actor, id, dto);
  }
}
