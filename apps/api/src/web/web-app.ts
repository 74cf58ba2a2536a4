import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { problem, sendProblem } from '@haven/core';

/** Where `npm run build:web` writes the browser app. */
export const WEB_DIST = resolve(process.cwd(), 'apps', 'web', 'dist');

/** Paths that belong to the API and operations, never to the browser app's fallback. */
const NOT_THE_APP = /^\/(api|health)(\/|$)|^\/admin\/queues(\/|$)/;

/**
 * Serves the web front end at `/` from the same origin as the API: its files (hashed assets cached
 * for a year, pre-compressed copies when the browser accepts them), and `index.html` for any other
 * GET so deep links such as /tasks/<id> open the app. Unknown /api/... paths stay 404 problem+json.
 * Does nothing when the app has not been built (the API alone still runs).
 */
export async function mountWebApp(app: NestFastifyApplication, root: string): Promise<boolean> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    // Swagger UI already decorates replies with sendFile; this mount only needs its routes.
    decorateReply: false,
    setHeaders: (reply, path) => {
      const immutable = path.startsWith(join(root, 'assets'));
      reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    // The catch-all also receives API paths whose id is over Fastify's 100-character limit: still 414.
    if (NOT_THE_APP.test(path) && path.split('/').some((part) => part.length > 100)) {
      return sendProblem(reply, problem(414, 'uri_too_long', 'A part of the address is too long.'));
    }
    if (NOT_THE_APP.test(path) || /\.[a-z0-9]{1,8}$/i.test(path)) {
      return sendProblem(reply, problem(404, 'not_found', 'There is nothing at this address.'));
    }
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  });
  return true;
}
