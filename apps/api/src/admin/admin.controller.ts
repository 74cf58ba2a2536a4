import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { Actor, AuditLogService, CurrentUser, PageQuery, Roles } from '@haven/core';
import { AccountStatusService } from '@haven/identity';
import { NeedsStatsService } from '@haven/needs';
import { OperationsStatsService } from '@haven/notifications';
import { PlatformStatsService } from '@haven/organizations';
import { ReasonDto } from '../organizations/dto/organization.dto';
import { QUEUES_PATH, QUEUES_SESSION_SECONDS, QueuesSession } from './queues-board';
import { IdParam } from '../id-param';

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'organization' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'must be an entity name such as organization' })
  entity?: string;

  @ApiPropertyOptional({ example: 'organization.approved' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,80}$/, { message: 'must be an action such as organization.approved' })
  action?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly audit: AuditLogService,
    private readonly accounts: AccountStatusService,
    private readonly platform: PlatformStatsService,
    private readonly needs: NeedsStatsService,
    private readonly operations: OperationsStatsService,
    private readonly queuesSession: QueuesSession,
  ) {}

  /** Opens the queues dashboard for this browser: a short-lived HTTP-only cookie for /admin/queues. */
  @Post('queues/session')
  @HttpCode(200)
  openQueues(@CurrentUser() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('Set-Cookie', this.queuesSession.cookieFor(actor.id));
    return { path: QUEUES_PATH, expiresInSeconds: QUEUES_SESSION_SECONDS };
  }

  @Get('audit-log')
  auditLog(@Query() query: AuditLogQuery) {
    return this.audit.list({ actorId: query.actorId, entity: query.entity, action: query.action }, query);
  }

  @Post('users/:id/suspend')
  @HttpCode(200)
  suspend(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.accounts.change(actor, id, 'suspended', dto.reason);
  }

  @Post('users/:id/reinstate')
  @HttpCode(200)
  reinstate(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.accounts.change(actor, id, 'active', dto.reason);
  }

  @Get('stats')
  async stats() {
    const [platform, needs, operations] = await Promise.all([
      this.platform.stats(),
      this.needs.stats(),
      this.operations.all(),
    ]);
    return { ...platform, ...needs, ...operations };
  }
}
