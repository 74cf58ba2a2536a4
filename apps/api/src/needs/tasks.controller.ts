import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, Roles } from '@haven/core';
import { TaskInput, TasksService } from '@haven/needs';
import { OptionalReasonDto } from './dto/need.dto';
import { CreateTaskDto, TaskListQuery, UpdateTaskDto } from './dto/task.dto';
import { IdParam } from '../id-param';
import { PostingMember } from './posting-member.guard';

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
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@CurrentUser() actor: Actor, @Query() query: TaskListQuery) {
    const { limit, cursor, from, to, ...filter } = query;
    return this.tasks.list(
      actor,
      { ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      { limit, cursor },
    );
  }

  @Get(':id')
  get(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.tasks.get(actor, id);
  }

  @Patch(':id')
  @Roles('coordinator')
  @PostingMember()
  update(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: UpdateTaskDto) {
    const { startsAt, endsAt, ...rest } = dto;
    return this.tasks.update(actor, id, {
      ...rest,
      ...(startsAt !== undefined && { startsAt: new Date(startsAt) }),
      ...(endsAt !== undefined && { endsAt: new Date(endsAt) }),
    });
  }

  @Post(':id/cancel')
  @Roles('coordinator')
  @HttpCode(200)
  cancel(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: OptionalReasonDto) {
    return this.tasks.cancel(actor, id, dto.reason);
  }
}
