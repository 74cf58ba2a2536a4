import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, Roles } from '@haven/core';
import { TaskInput, TasksService } from '@haven/needs';
import { OptionalReasonDto } from './dto/need.dto';
import { CreateTaskDto, TaskListQuery, UpdateTaskDto } from './dto/task.dto';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { TaskDto } from './dto/need-views.dto';
import { PostingMember } from './posting-member.guard';
import { BrowseCache, jsonAnswer, queryKey } from '../browse/browse-cache';

/** A new task's input, with the defaults the contract leaves to us and the times as Dates. */
export function taskInput(dto: CreateTaskDto): TaskInput {
  return {
    ...dto,
    startsAt: new Date(dto.startsAt),
    endsAt: new Date(dto.endsAt),
    skills: dto.skills ?? [],
    languages: dto.languages ?? [],
    remote: dto.remote ?? false,
    signupMode: dto.signupMode ?? 'open',
    requiresSafeguarding: dto.requiresSafeguarding ?? false,
  };
}

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly cache: BrowseCache,
  ) {}

  /** Lists tasks, soonest first, with filters. */
  @Get()
  @ApiPage(TaskDto)
  async list(
    @CurrentUser() actor: Actor,
    @Query() query: TaskListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { limit, cursor, from, to, ...filter } = query;
    const key = `tasks ${await this.cache.audience(actor)} ${queryKey(query)}`;
    const body = await this.cache.answer(
      key,
      [filter.campId ? `camp:${filter.campId}` : 'tasks'],
      async () => {
        const page = await this.tasks.list(
          actor,
          { ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
          { limit, cursor },
        );
        // The list holds only tasks yet to start (or starting from `from`): it changes when the first
        // of them starts, or when `from` passes, whatever is written.
        const starts = [page.items[0]?.startsAt.getTime(), from ? Date.parse(from) : undefined];
        const future = starts.filter((time): time is number => time !== undefined && time > Date.now());
        const past = starts.some((time) => time !== undefined && time <= Date.now());
        return { body: page, validUntil: past ? 0 : Math.min(...future) };
      },
    );
    return jsonAnswer(reply, body);
  }

  /** One task. */
  @Get(':id')
  @ApiOkResponse({ type: TaskDto })
  async get(
    @CurrentUser() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = `task ${await this.cache.audience(actor)} ${id}`;
    const body = await this.cache.answer(key, [`task:${id}`], async () => ({
      body: await this.tasks.get(actor, id),
    }));
    return jsonAnswer(reply, body);
  }

  /** Changes a task; a started task's time and capacity are frozen. */
  @Patch(':id')
  @Roles('coordinator')
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(409, 422)
  @PostingMember()
  update(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: UpdateTaskDto) {
    const { startsAt, endsAt, ...rest } = dto;
    return this.tasks.update(actor, id, {
      ...rest,
      ...(startsAt !== undefined && { startsAt: new Date(startsAt) }),
      ...(endsAt !== undefined && { endsAt: new Date(endsAt) }),
    });
  }

  /** Cancels a task; its volunteers are told. */
  @Post(':id/cancel')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(409, 422)
  cancel(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: OptionalReasonDto) {
    return this.tasks.cancel(actor, id, dto.reason);
  }
}
