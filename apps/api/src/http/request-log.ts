import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
// nestjs-pino's request scope, read by its PinoLogger (and so by every Nest Logger in a request).
import { storage, Store } from 'nestjs-pino/storage';
import type { Logger } from 'pino';

/** The health probes an orchestrator calls every few seconds are not logged. */
const unlogged = (request: FastifyRequest) => request.url.startsWith('/health');

/**
 * A request's scope: its logger is the root logger bound to the request, made only if something
 * logs while it is served (most requests log nothing but their line below).
 */
class RequestStore implements Store {
  readonly responseLogger = undefined;
  private bound?: Logger;

  constructor(
    private readonly root: Logger,
    private readonly request: FastifyRequest,
  ) {}

  get logger(): Logger {
    return (this.bound ??= this.root.child({ req: this.request }));
  }

  /** PinoLogger.assign() binds more fields this way. */
  set logger(logger: Logger) {
    this.bound = logger;
  }
}

/**
 * The request log as Fastify hooks: one line per request when its answer has gone out ("request
 * completed", or "request errored" at level error for a 5xx), with the request (serialised to four
 * fields: logger.module.ts), its status and time; "request aborted" when the client left first.
 * Lines logged while a request is served carry the request too. This was pino-http run as Nest
 * middleware, through @fastify/middie: a tenth of a cached answer's cost (issue 14), so the API
 * runs no Nest middleware and no middie (app.factory.ts). The lines are the same.
 */
export function logRequests(fastify: FastifyInstance): void {
  // Set by nestjs-pino's module when the application initialises, after this is called.
  const rootLogger = () => PinoLogger.root;
  fastify.addHook('onRequest', (request, _reply, done) => {
    storage.run(new RequestStore(rootLogger(), request), done);
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (!unlogged(request)) {
      const root = rootLogger();
      const line = { req: request, res: reply.raw, responseTime: Math.round(reply.elapsedTime) };
      if (reply.statusCode >= 500) {
        root.error(
          { ...line, err: new Error(`failed with status code ${reply.statusCode}`) },
          'request errored',
        );
      } else {
        root.info(line, 'request completed');
      }
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    if (!unlogged(request)) rootLogger().info({ req: request }, 'request aborted');
    done();
  });
}
