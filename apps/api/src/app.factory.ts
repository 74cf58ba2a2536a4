import cors from '@fastify/cors';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig, ProblemFilter, requestId, validationFailed } from '@haven/core';
import { mountQueuesBoard } from './admin/queues-board';
import { ApiModule, REQUEST_GUARDS } from './api.module';
import { serveCachedBrowsing } from './browse/browse-fast-path';
import { mountWebApp, WEB_DIST } from './web/web-app';
import { buildOpenApiDocument } from './openapi/document';
import { registerJsonBodyParser } from './http/json-body';
import { CLOSING_OPTIONS, closeGracefully } from './http/closing';
import { logRequests } from './http/request-log';
import { addSecurityHeaders } from './http/security-headers';
import {
  applyRouteBodyLimits,
  clientErrorHandler,
  DEFAULT_BODY_LIMIT_BYTES,
  frameworkErrors,
  refuseMalformedUrls,
} from './http/request-limits';
import { StructurePipe } from './http/structure.pipe';
import { FairValidationPipe } from './http/validation-turns';

/** Builds the HTTP application exactly as production runs it; the end-to-end tests use it too. */
export async function createApi(
  config: AppConfig,
  options: { logDestination?: DestinationStream; webRoot?: string } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    // Trust X-Forwarded-For only from as many proxies as the operator says stand in front.
    trustProxy: config.TRUST_PROXY > 0 ? config.TRUST_PROXY : false,
    frameworkErrors,
    clientErrorHandler,
    // Fastify numbered requests per process (req-1, req-2…), and that id was the one logged.
    genReqId: requestId,
    // Haven uses no Nest middleware (the request log is a Fastify hook: request-log.ts), and
    // middie's hook cost every request its turn.
    skipMiddie: true,
    ...CLOSING_OPTIONS,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, options.logDestination),
    adapter,
    {
      bufferLogs: true,
      // Haven's own JSON parser (depth and NUL checks); no form or other body parsers.
      bodyParser: false,
    },
  );
  const fastify = adapter.getInstance();
  logRequests(fastify);
  registerJsonBodyParser(fastify);
  applyRouteBodyLimits(fastify);
  addSecurityHeaders(fastify);
  // No origin is allowed unless CORS_ORIGINS names one; then no request pays for the check. Every
  // method the API has, with the refresh cookie (credentials) and the headers a client acts on.
  // Before the refusals below (hooks run in the order they are added), so that a page on an
  // allowed origin can read those too, rather than see a network error.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: [...EXPOSED_HEADERS],
    });
  }
  refuseMalformedUrls(fastify);
  closeGracefully(fastify);
  app.useLogger(app.get(Logger));
  // Without this the buffer stays attached and every later Nest log line (500s among them) is lost.
  app.flushLogs();
  // On SIGTERM Nest closes the server (the requests under way finish), then the process exits rather
  // than dying by the signal, so that pino writes the lines still waiting.
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  // Nest also routes Fastify's own failures (malformed JSON, oversized bodies) through this filter.
  app.useGlobalFilters(new ProblemFilter());
  // Cheap structural checks (sizes, lengths) first; only bounded input reaches full validation,
  // large bodies one at a time in turns of their own.
  app.useGlobalPipes(
    new StructurePipe(),
    new FairValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: validationFailed,
    }),
  );

  await mountQueuesBoard(app);
  await mountWebApp(app, options.webRoot ?? WEB_DIST);

  setRoutePrefix(app);
  serveCachedBrowsing(app, API_PREFIX, REQUEST_GUARDS);
  const document = await buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
  return app;
}

const API_PREFIX = 'api/v1';

/**
 * The answer headers a page on another origin may read (beyond the CORS-safelisted ones): how long
 * to wait after a 429 or 503, the rate limit's counts, and a CSV report's file name.
 */
export const EXPOSED_HEADERS = [
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Content-Disposition',
] as const;

/** Every route under /api/v1 but the health probes. */
export function setRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
}
