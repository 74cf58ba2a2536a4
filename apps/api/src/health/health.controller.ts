import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type Redis from 'ioredis';
import { InjectRedis, Public, WORKER_HEARTBEAT_KEY } from '@haven/core';
import { OperationsStatsService } from '@haven/notifications';

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
  live() {
    return { status: 'ok' };
  }

  /** 200 only while PostgreSQL and Redis answer; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.redisCheck(),
      () => this.notificationsCheck(),
    ]);
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

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), milliseconds);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
