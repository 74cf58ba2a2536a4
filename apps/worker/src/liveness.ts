import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { rmSync, writeFileSync } from 'node:fs';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { InjectRedis, withTimeout } from '@haven/core';
import { NotificationsProcessor } from './processors/notifications.processor';
import { SystemProcessor } from './processors/system.processor';
import { LIVENESS_EVERY_MS, livenessFile } from './liveness-file';

/**
 * The worker's own liveness, for container health checks: every 10 s, when PostgreSQL and Redis
 * answer and every queue consumer runs, it touches a file; `node dist/apps/worker/src/healthcheck.js`
 * fails when the file is stale. Per process, unlike the shared heartbeat job any worker may run.
 */
@Injectable()
export class WorkerLiveness implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkerLiveness');
  private readonly file = livenessFile();
  private timer: NodeJS.Timeout | null = null;
  private healthy = true;
  private stopped = false;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly dataSource: DataSource,
    private readonly system: SystemProcessor,
    private readonly notifications: NotificationsProcessor,
  ) {}

  /**
   * Called by main once the worker has started and stops cleanly on a signal: a file written before
   * that (Nest starts the application as it creates it) outlived a worker stopped in between.
   */
  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), LIVENESS_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    // A beat still waiting for PostgreSQL and Redis must not write the file back afterwards.
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    rmSync(this.file, { force: true });
  }

  private async beat(): Promise<void> {
    try {
      await withTimeout(Promise.all([this.redis.ping(), this.dataSource.query('SELECT 1')]), 5_000);
      const stopped = [this.system, this.notifications].filter((host) => !host.worker.isRunning());
      if (stopped.length > 0) throw new Error(`${stopped.length} queue consumer(s) not running`);
      if (this.stopped) return;
      writeFileSync(this.file, `${new Date().toISOString()}\n`);
      if (!this.healthy) this.logger.log('Healthy again');
      this.healthy = true;
    } catch (error) {
      if (this.healthy) this.logger.warn(`Not healthy: ${(error as Error).message}`);
      this.healthy = false;
    }
  }
}
