import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, Page, Roles } from '@haven/core';
import { TaskInput, TasksService, TaskView } from '@haven/needs';
import { OptionalReasonDto } from './dto/need.dto';
import { CreateTaskDto, TaskListQuery, UpdateTaskDto } from './dto/task.dto';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { TaskDto } from './dto/need-views.dto';
import { PostingMember } from './posting-member.guard';
import { BrowseCached, rawQuery } from '../browse/browse-cache';

/**
 * The list holds only tasks yet to start (or starting from `from`): whatever is written, it changes
 * when the first of them starts or when `from` passes.
 */
export function taskListValidUntil(page: { items: { startsAt: Date }[] }, from: string | undefined): number {
  const times = [page.items[0]?.startsAt.getTime(), from === undefined ? undefined : Date.parse(from)];
  const known = times.filter((time): time is number => time !== undefined && !Number.isNaN(time));
  return known.some((time) => time <= Date.now()) ? 0 : Math.min(...known);
}

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
  constructor(private readonly tasks: TasksService) {}

  /** Lists tasks, soonest first, with filters. */
  @Get()
  @ApiPage(TaskDto)
  @BrowseCached({
    // Lowercase: PostgreSQL reads a UUID in either case, the version keys are written in lowercase.
    versions: (request) => [
      rawQuery(request, 'campId') ? `camp:${rawQuery(request, 'campId')?.toLowerCase()}` : 'tasks',
    ],
    validUntil: (page, request) => taskListValidUntil(page as Page<TaskView>, rawQuery(request, 'from')),
  })
  list(@CurrentUser() actor: Actor, @Query() query: TaskListQuery) {
    const { limit, cursor, from, to, ...filter } = query;
    return this.tasks.list(
      actor,
      { ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      { limit, cursor },
    );
  }

  /** One task. */
  @Get(':id')
  @ApiOkResponse({ type: TaskDto })
  @BrowseCached({ versions: (request) => [`task:${(request.params as { id: string }).id.toLowerCase()}`] })
  get(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.tasks.get(actor, id);
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
