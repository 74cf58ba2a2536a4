import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
// nestjs-pino's request scope, read by its PinoLogger (and so by every Nest Logger in a request).
import { storage, Store } from 'nestjs-pino/storage';
import pino, { type Logger } from 'pino';
import { redaction } from '@haven/core';

const SCOPE = Symbol('haven:request-scope');

type Scoped = FastifyRequest & { [SCOPE]?: RequestScope };

/**
 * A request's scope: its logger is the root logger bound to the request, made only if something
 * logs while it is served (most requests log nothing but their own line), and whether that line
 * has been written.
 */
class RequestScope implements Store {
  readonly responseLogger = undefined;
  written = false;
  refused = false;
  private bound?: Logger;

  constructor(
    readonly root: Logger,
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
 * The request log as Fastify hooks: one line per request, but for the health probes an orchestrator
 * calls every few seconds. "request completed" when the answer has gone out, "request errored" (at
 * level error) for a 5xx, "request refused" for the 503 of a closing API (markRefused), "request
 * aborted" when the client left before the answer was sent, with the request (serialised to four
 * fields: logger.module.ts), its status and time. Lines logged while a request is served carry the
 * request too. This was pino-http run as Nest middleware, through @fastify/middie: a tenth of a
 * cached answer's cost (issue 14), so the API runs no Nest middleware and no middie (app.factory.ts).
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: Scoped, reply, done) => {
    // Set by nestjs-pino's module when the application initialises, after this hook is added.
    const scope = new RequestScope(PinoLogger.root, request);
    if (!request.url.startsWith('/health')) {
      request[SCOPE] = scope;
      // Read while connected (Node keeps it): an aborted request is logged once the socket closed.
      void request.socket.remoteAddress;
      // Fastify's onResponse never runs for an answer the client did not stay for.
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) write(request, reply, 'aborted');
      });
    }
    storage.run(scope, done);
  });
  fastify.addHook('onResponse', (request: Scoped, reply, done) => {
    write(request, reply, reply.statusCode >= 500 ? 'errored' : 'completed');
    done();
  });
}

/**
 * Marks a request as refused on purpose with a 5xx (the API closing: closing.ts), so that its line
 * says `request refused` at level info rather than `request errored` at level error: a restart is
 * not a fault.
 */
export function markRefused(request: FastifyRequest): void {
  const scope = (request as Scoped)[SCOPE];
  if (scope) scope.refused = true;
}

function write(
  request: Scoped,
  reply: FastifyReply,
  outcome: 'completed' | 'errored' | 'aborted' | 'refused',
) {
  const scope = request[SCOPE];
  if (!scope || scope.written) return;
  scope.written = true;
  const responseTime = Math.round(reply.elapsedTime);
  if (scope.refused && outcome === 'errored') outcome = 'refused';
  if (outcome === 'errored') {
    const err = new Error(`failed with status code ${reply.statusCode}`);
    scope.root.error({ req: request, res: reply.raw, responseTime, err }, 'request errored');
  } else if (scope.root.isLevelEnabled('info')) {
    writeInfoLine(scope.root, request, reply.statusCode, responseTime, `request ${outcome}`);
  }
}

const { chindingsSym, endSym, lsCacheSym, streamSym, timeSym } = pino.symbols;
/** Set on a stream that wants each line's level and object too (pino.multistream). */
const NEEDS_METADATA = Symbol.for('pino.metadata');

/** One of pino's parts, read through its `pino.symbols`. */
const part = <T>(logger: Logger, symbol: symbol) => (logger as unknown as Record<symbol, T>)[symbol];

/**
 * A request's info line, exactly as `logger.info({ req, res, responseTime }, msg)` writes it (tested
 * against it), put together here from pino's own parts (`pino.symbols`, its integration interface):
 * pino's general path through the line's object, its serialisers and formatters cost a request line
 * twice as much (issue 14).
 */
export function writeInfoLine(
  logger: Logger,
  request: Parameters<typeof redaction.serializers.req>[0],
  statusCode: number,
  responseTime: number,
  msg: string,
): void {
  const stream = part<{ write(line: string): unknown; [NEEDS_METADATA]?: boolean }>(logger, streamSym);
  if (stream[NEEDS_METADATA]) {
    logger.info({ req: request, res: { statusCode }, responseTime }, msg);
    return;
  }
  const level = part<Record<number, string>>(logger, lsCacheSym)[logger.levels.values.info];
  const time = part<() => string>(logger, timeSym).call(logger);
  stream.write(
    `${level}${time}${part<string>(logger, chindingsSym)}` +
      `,"req":${JSON.stringify(redaction.serializers.req(request))},"res":{"statusCode":${statusCode}}` +
      `,"responseTime":${responseTime},"msg":${JSON.stringify(msg)}${part<string>(logger, endSym)}`,
  );
}
