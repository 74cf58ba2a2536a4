import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AuditLogService, CurrentUser, Roles } from '@haven/core';
import { AccountStatusService } from '@haven/identity';
import { NeedsStatsService } from '@haven/needs';
import { OperationsStatsService } from '@haven/notifications';
import { PlatformStatsService } from '@haven/organizations';
import { ReasonDto } from '../organizations/dto/organization.dto';
import { QUEUES_PATH, QUEUES_SESSION_SECONDS, QueuesSession } from './queues-board';
import { IdParam } from '../id-param';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import {
  AccountStatusDto,
  AdminStatsDto,
  AuditEntryDto,
  AuditLogQuery,
  QueuesSessionDto,
} from './dto/admin.dto';

@ApiTags('admin')
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
  @ApiOkResponse({
    type: QueuesSessionDto,
    headers: { 'Set-Cookie': { description: 'The session cookie', schema: { type: 'string' } } },
  })
  openQueues(@CurrentUser() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('Set-Cookie', this.queuesSession.cookieFor(actor.id));
    return { path: QUEUES_PATH, expiresInSeconds: QUEUES_SESSION_SECONDS };
  }

  /** The audit log, newest first, filtered by actor, entity or action. */
  @Get('audit-log')
  @ApiPage(AuditEntryDto)
  auditLog(@Query() query: AuditLogQuery) {
    return this.audit.list({ actorId: query.actorId, entity: query.entity, action: query.action }, query);
  }

  /** Suspends an account: it is signed out everywhere at once. */
  @Post('users/:id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: AccountStatusDto })
  @ApiProblems(409, 422)
  suspend(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.accounts.change(actor, id, 'suspended', dto.reason);
  }

  /** Reinstates a suspended account. */
  @Post('users/:id/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: AccountStatusDto })
  @ApiProblems(409, 422)
  reinstate(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.accounts.change(actor, id, 'active', dto.reason);
  }

  /** Platform-wide counts, outbox lag and queue depths. */
  @Get('stats')
  @ApiOkResponse({ type: AdminStatsDto })
  async stats() {
    const [platform, needs, operations] = await Promise.all([
      this.platform.stats(),
      this.needs.stats(),
      this.operations.all(),
    ]);
    return { ...platform, ...needs, ...operations };
  }
}
