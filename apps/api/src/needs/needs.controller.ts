import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, RequiresVerifiedEmail, Roles } from '@haven/core';
import { NeedsService, PledgesService, TasksService } from '@haven/needs';
import { CreateNeedDto, NeedListQuery, OptionalReasonDto, PledgeDto, UpdateNeedDto } from './dto/need.dto';
import { CreateTaskDto } from './dto/task.dto';
import { taskInput } from './tasks.controller';
import { IdParam } from '../id-param';
import { PostingMember } from './posting-member.guard';
import { BodyLimit, NEED_BODY_LIMIT_BYTES } from '../http/request-limits';

@ApiTags('needs')
@ApiBearerAuth()
@Controller('needs')
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
    private readonly pledges: PledgesService,
    private readonly tasks: TasksService,
  ) {}

  @Post()
  @Roles('coordinator')
  @BodyLimit(NEED_BODY_LIMIT_BYTES)
  @PostingMember()
  @RequiresVerifiedEmail()
  create(@CurrentUser() actor: Actor, @Body() dto: CreateNeedDto) {
    return this.needs.create(actor, dto);
  }

  @Get()
  list(@CurrentUser() actor: Actor, @Query() query: NeedListQuery) {
    const { limit, cursor, ...filter } = query;
    return this.needs.list(actor, filter, { limit, cursor });
  }

  @Get(':id')
  get(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.needs.get(actor, id);
  }

  @Patch(':id')
  @Roles('coordinator')
  @BodyLimit(NEED_BODY_LIMIT_BYTES)
  @PostingMember()
  update(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: UpdateNeedDto) {
    return this.needs.update(actor, id, dto);
  }

  @Post(':id/close')
  @Roles('coordinator')
  @HttpCode(200)
  close(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: OptionalReasonDto) {
    return this.needs.close(actor, id, dto.reason);
  }

  @Post(':id/cancel')
  @Roles('coordinator')
  @HttpCode(200)
  cancel(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: OptionalReasonDto) {
    return this.needs.cancel(actor, id, dto.reason);
  }

  @Post(':id/tasks')
  @Roles('coordinator')
  @PostingMember()
  @RequiresVerifiedEmail()
  createTask(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: CreateTaskDto) {
    return this.tasks.create(actor, id, taskInput(dto));
  }

  @Post(':id/items/:itemId/pledges')
  @Roles('volunteer')
  @RequiresVerifiedEmail()
  pledge(
    @CurrentUser() actor: Actor,
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @Body() dto: PledgeDto,
  ) {
    return this.pledges.pledge(actor, id, itemId, dto.quantity);
  }

  @Get(':id/pledges')
  @Roles('coordinator', 'admin')
  listPledges(@CurrentUser() actor: Actor, @IdParam() id: string, @Query() page: PageQuery) {
    return this.pledges.listForNeed(actor, id, page);
  }
}
