import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, RequiresVerifiedEmail, Roles } from '@haven/core';
import { NeedsService, PledgesService, TasksService } from '@haven/needs';
import {
  CreateNeedDto,
  NeedListQuery,
  CreatePledgeDto,
  OptionalReasonDto,
  UpdateNeedDto,
} from './dto/need.dto';
import { CreateTaskDto } from './dto/task.dto';
import { taskInput } from './tasks.controller';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { NeedDto, NeedPledgeDto, PledgeDto, TaskDto } from './dto/need-views.dto';
import { PostingMember } from './posting-member.guard';
import { BodyLimit, NEED_BODY_LIMIT_BYTES } from '../http/request-limits';
import { BrowseCached } from '../browse/browse-cache';

@ApiTags('needs')
@Controller('needs')
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
    private readonly pledges: PledgesService,
    private readonly tasks: TasksService,
  ) {}

  /** Posts a need for the caller's approved organisation. */
  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: NeedDto })
  @ApiProblems(403, 404, 409, 422)
  @BodyLimit(NEED_BODY_LIMIT_BYTES)
  @PostingMember()
  @RequiresVerifiedEmail()
  create(@CurrentUser() actor: Actor, @Body() dto: CreateNeedDto) {
    return this.needs.create(actor, dto);
  }

  /** Lists needs, newest or most urgent first, with filters and full-text search. */
  @Get()
  @ApiPage(NeedDto)
  @BrowseCached({ versions: () => ['needs'] })
  list(@CurrentUser() actor: Actor, @Query() query: NeedListQuery) {
    const { limit, cursor, ...filter } = query;
    return this.needs.list(actor, filter, { limit, cursor });
  }

  /** One need with its supply items. */
  @Get(':id')
  @ApiOkResponse({ type: NeedDto })
  get(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.needs.get(actor, id);
  }

  /** Changes a need; `items` replaces the list of supply items. */
  @Patch(':id')
  @Roles('coordinator')
  @ApiOkResponse({ type: NeedDto })
  @ApiProblems(409, 422)
  @BodyLimit(NEED_BODY_LIMIT_BYTES)
  @PostingMember()
  update(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: UpdateNeedDto) {
    return this.needs.update(actor, id, dto);
  }

  /** Closes a need that is met or no longer wanted. */
  @Post(':id/close')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: NeedDto })
  @ApiProblems(409, 422)
  close(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: OptionalReasonDto) {
    return this.needs.close(actor, id, dto.reason);
  }

  /** Cancels a need; its live pledges are cancelled and their pledgers told. */
  @Post(':id/cancel')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: NeedDto })
  @ApiProblems(409, 422)
  cancel(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: OptionalReasonDto) {
    return this.needs.cancel(actor, id, dto.reason);
  }

  /** Adds a task (a shift of work) to a need. */
  @Post(':id/tasks')
  @Roles('coordinator')
  @ApiCreatedResponse({ type: TaskDto })
  @ApiProblems(409, 422)
  @PostingMember()
  @RequiresVerifiedEmail()
  createTask(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: CreateTaskDto) {
    return this.tasks.create(actor, id, taskInput(dto));
  }

  /** Pledges a quantity of a supply item. */
  @Post(':id/items/:itemId/pledges')
  @Roles('volunteer')
  @ApiCreatedResponse({ type: PledgeDto })
  @ApiProblems(409)
  @RequiresVerifiedEmail()
  pledge(
    @CurrentUser() actor: Actor,
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @Body() dto: CreatePledgeDto,
  ) {
    return this.pledges.pledge(actor, id, itemId, dto.quantity);
  }

  /** The pledges made to a need, newest first, with who pledged. */
  @Get(':id/pledges')
  @Roles('coordinator', 'admin')
  @ApiPage(NeedPledgeDto)
  listPledges(@CurrentUser() actor: Actor, @IdParam() id: string, @Query() page: PageQuery) {
    return this.pledges.listForNeed(actor, id, page);
  }
}
