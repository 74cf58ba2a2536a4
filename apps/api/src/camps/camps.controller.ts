import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { CampsService } from '@haven/organizations';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { CampDto, CreateCampDto, UpdateCampDto } from './dto/camp.dto';

@ApiTags('camps')
@Controller('camps')
export class CampsController {
  constructor(private readonly camps: CampsService) {}

  /** Lists the camps, by name. */
  @Get()
  @ApiPage(CampDto)
  list(@Query() page: PageQuery) {
    return this.camps.list(page);
  }

  /** One camp. */
  @Get(':id')
  @ApiOkResponse({ type: CampDto })
  get(@IdParam() id: string) {
    return this.camps.get(id);
  }

  /** Adds a camp; its name is unique. */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: CampDto })
  @ApiProblems(409, 422)
  create(@CurrentUser() actor: Actor, @Body() dto: CreateCampDto) {
    return this.camps.create(actor, dto);
  }

  /** Changes a camp; fields left out stay as they are. */
  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: CampDto })
  @ApiProblems(409, 422)
  update(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: UpdateCampDto) {
    return this.camps.update(actor, id, dto);
  }
}
