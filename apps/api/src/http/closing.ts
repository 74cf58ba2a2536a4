import type { FastifyInstance } from 'fastify';

/** How often a closing server looks for keep-alive connections that have become idle. */
const REAP_MS = 100;

/**
 * While the API closes (SIGTERM), the keep-alive connections whose last answer went out after the
 * close began are closed too, as soon as they are idle. Node closes the connections idle when the
 * close begins, and Fastify answers requests that come after it with a 503 and `Connection: close`,
 * but a connection still busy then stayed open after its answer until its keep-alive timeout (72 s),
 * and the process with it, until the orchestrator killed it.
 */
export function closeConnectionsOnceIdle(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    const server = fastify.server;
    const reaper = setInterval(() => server.closeIdleConnections(), REAP_MS);
    reaper.unref();
    server.once('close', () => clearInterval(reaper));
    done();
  });
}
