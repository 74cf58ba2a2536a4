import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { Injectable } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { AppConfig, JobName, JobProducer, problem } from '@haven/core';
import { AccessTokenService } from '@haven/identity';

export const QUEUES_PATH = '/admin/queues';
export const QUEUES_COOKIE = 'haven_queues';
export const QUEUES_SESSION_SECONDS = 15 * 60;
const AUDIENCE = 'haven-queues';

/**
 * A browser's way into the queues dashboard. A bearer header does not follow a navigation, so an
 * admin exchanges their access token for a short-lived, HTTP-only, same-site cookie scoped to
 * /admin/queues; every dashboard request checks it and that its holder is still an active admin.
 */
@Injectable()
export class QueuesSession {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  cookieFor(adminId: string): string {
    const { algorithms, issuer } = AccessTokenService.verifyOptions();
    const token = jwt.sign({}, this.tokens.key, {
      algorithm: algorithms[0],
      issuer,
      audience: AUDIENCE,
      subject: adminId,
      expiresIn: QUEUES_SESSION_SECONDS,
    });
    const secure = this.config.isProduction ? '; Secure' : '';
    return `${QUEUES_COOKIE}=${token}; Path=${QUEUES_PATH}; Max-Age=${QUEUES_SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`;
  }

  /** The admin behind a dashboard request's cookie, or null. */
  async adminFor(cookieHeader: string | undefined): Promise<string | null> {
    const token = cookieHeader
      ?.split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${QUEUES_COOKIE}=`))
      ?.slice(QUEUES_COOKIE.length + 1);
    if (!token) return null;
    try {
      const claims = jwt.verify(token, this.tokens.key, {
        ...AccessTokenService.verifyOptions(),
        audience: AUDIENCE,
      });
      const subject = typeof claims === 'object' ? claims.sub : undefined;
      if (!subject) return null;
      const [user] = await this.dataSource.query(
        `SELECT id FROM users WHERE id = $1 AND role = 'admin' AND status = 'active' AND deleted_at IS NULL`,
        [subject],
      );
      return user ? subject : null;
    } catch {
      return null;
    }
  }
}

/** Mounts bull-board at /admin/queues behind the session cookie. */
export async function mountQueuesBoard(app: NestFastifyApplication): Promise<void> {
  const jobs = app.get(JobProducer);
  const session = app.get(QueuesSession);
  const board = new BoardAdapter();
  board.setBasePath(QUEUES_PATH);
  const queues = [...new Set([JobName.Heartbeat, JobName.Deliver].map((name) => jobs.queueFor(name)))];
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        if (await session.adminFor(request.headers.cookie)) return;
        await reply
          .code(401)
          .type('application/problem+json')
          .send(
            problem(
              401,
              'unauthenticated',
              'Open the queues from the admin console: it sets a short-lived session for this page.',
            ),
          );
      });
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUES_PATH },
  );
}
