import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's security headers on every answer. Helmet's middleware is built once here: the Fastify
 * plugin built it anew for every request, re-reading the policy (5% of a cached answer's cost,
 * issue 14).
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI at /api/docs runs inline scripts and styles; everything else is JSON.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // A camp's own server may be reached over plain http on its LAN; upgrading would break the app there.
        upgradeInsecureRequests: null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    apply(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
}
