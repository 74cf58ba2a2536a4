import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from '@haven/core';
import { markRefused } from './request-log';

/** How often a closing server looks for keep-alive connections that have become idle. */
const REAP_MS = 100;

/** How long a client refused while the API closes is asked to wait: a restart's length. */
const RETRY_AFTER_SECONDS = '5';

/** Fastify's options this needs: its own refusal off, so that the one here answers. */
export const CLOSING_OPTIONS = { return503OnClosing: false } as const;

/**
 * How the API closes (SIGTERM): the requests under way are answered; a request that comes after the
 * close began, on a keep-alive connection still open, is refused with a 503 as problem+json, with
 * `Retry-After`, the security headers, `Connection: close` (so that the client's next request opens
 * a new connection, to whatever serves then) and a `request refused` line at level info. Fastify's
 * own refusal (`return503OnClosing`) was plain JSON, with none of these and no line. The keep-alive
 * connections whose last answer went out after the close began are closed as soon as they are idle:
 * Node closes only those idle when the close begins, and one still busy then stayed open after its
 * answer until its keep-alive timeout (72 s), and the process with it, until the orchestrator killed
 * it.
 */
export function closeGracefully(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    markRefused(request);
    // Fastify has set `Connection: close` on the response already.
    sendProblem(
      reply,
      problem(503, 'unavailable', 'This server is shutting down; try again in a few seconds.'),
      {
        'retry-after': RETRY_AFTER_SECONDS,
      },
    );
  });
  fastify.addHook('preClose', (done) => {
    closing = true;
    const server = fastify.server;
    const reaper = setInterval(() => server.closeIdleConnections(), REAP_MS);
    reaper.unref();
    server.once('close', () => clearInterval(reaper));
    done();
  });
}
