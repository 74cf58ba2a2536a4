import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type Redis from 'ioredis';
import { InjectRedis, Public, WORKER_HEARTBEAT_KEY, withTimeout } from '@haven/core';
import { OperationsStatsService } from '@haven/notifications';
import { LivenessDto, ReadinessDto } from './dto/health.dto';

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

  /** 200 only while PostgreSQL and Redis answer; 503 otherwise, with the same report of what is down. */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready' })
  @ApiResponse({ status: 503, type: ReadinessDto, description: 'PostgreSQL or Redis does not answer' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1500 }),
        () => this.redisCheck(),
        () => this.notificationsCheck(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse();
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
