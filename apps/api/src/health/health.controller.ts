import {
  Controller,
  Get,
  Injectable,
  Req,
  Res,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type Redis from 'ioredis';
import { Actor, InjectRedis, Public, WORKER_HEARTBEAT_KEY, withTimeout } from '@haven/core';
import { OperationsStatsService } from '@haven/notifications';
import { LivenessDto, ReadinessDto } from './dto/health.dto';

/** Reads a bearer token when one is sent and valid; anyone else goes on as anonymous. */
@Injectable()
class OptionalBearerGuard extends AuthGuard('jwt') {
  override handleRequest<T>(_error: unknown, user: T): T {
    return (user || undefined) as T;
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectRedis() private readonly redis: Redis,
    private readonly operations: OperationsStatsService,
  ) {}

  /** 200 while the process runs. */
  @Get('live')
  @ApiOkResponse({ type: LivenessDto })
  live() {
    return { status: 'ok' };
  }

  /**
   * 200 only while PostgreSQL and Redis answer; 503 otherwise. Anonymous callers get the status
   * alone; an admin's bearer token adds what is up or down, outbox lag and queue depths.
   */
  @Get('ready')
  @HealthCheck()
  @UseGuards(OptionalBearerGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Readiness: the status; with an admin token also the details' })
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready' })
  @ApiResponse({ status: 503, type: ReadinessDto, description: 'PostgreSQL or Redis does not answer' })
  async ready(@Req() request: { user?: Actor }, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.report(reply);
    return request.user?.role === 'admin' ? report : { status: report.status };
  }

  private async report(reply: FastifyReply): Promise<{ status: string }> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1500 }),
        () => this.redisCheck(),
        () => this.notificationsCheck(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse() as { status: string };
    }
  }

  /** Outbox lag and queue depths, for operators; informative only, it never fails readiness. */
  private async notificationsCheck() {
    const indicator = this.indicators.check('notifications');
    try {
      return indicator.up(await withTimeout(this.operations.all(), 1500));
    } catch {
      return indicator.up({ details: 'unavailable while PostgreSQL or Redis does not answer' });
    }
  }

  private async redisCheck() {
    const indicator = this.indicators.check('redis');
    try {
      const [pong, heartbeat] = await withTimeout(
        Promise.all([this.redis.ping(), this.redis.get(WORKER_HEARTBEAT_KEY)]),
        1500,
      );
      return pong === 'PONG' ? indicator.up({ workerHeartbeat: heartbeat }) : indicator.down();
    } catch {
      return indicator.down({ message: 'Redis does not answer' });
    }
  }
}
