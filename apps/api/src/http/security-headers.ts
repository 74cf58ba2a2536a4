import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's security headers, as helmet sets them under this policy. They are the same for every
 * answer (no nonce), so helmet runs once, at start-up, against a recording response.
 */
function helmetHeaders(): Record<string, string> {
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
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: () => undefined,
  };
  let failure: unknown;
  apply({} as never, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure || Object.keys(headers).length === 0) throw new Error('helmet set no security headers');
  return headers;
}

/** Helmet's headers, for what a browser renders: the web app, the API docs, the queue dashboard. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(helmetHeaders());

/**
 * The headers of the JSON API and the health checks, whose answers a browser never renders as a
 * page: OWASP's set for REST services (its REST Security Cheat Sheet, less `Cache-Control:
 * no-store`, which Haven never set), with a policy that lets an answer load and frame nothing,
 * stricter than the pages' own. Helmet's other six (the opener policy, origin-agent-cluster, DNS
 * prefetching, IE's download option, Flash's cross-domain policies, the XSS auditor) each govern a
 * rendered document only, and writing them on every JSON answer cost a tenth of a cached answer's
 * time, and more of its reader's (issue 14).
 */
export const JSON_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': SECURITY_HEADERS['strict-transport-security'],
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/** The security headers for an answer to `url` (as the request gave it). */
export function securityHeadersFor(url: string): Readonly<Record<string, string>> {
  return url.startsWith('/api/v1/') || url.startsWith('/health/') ? JSON_SECURITY_HEADERS : SECURITY_HEADERS;
}

/**
 * The security headers on every answer, added to the reply's headers (Fastify writes them with the
 * answer, errors included) instead of running helmet's middleware for each request, which set them
 * one by one on the raw response (7% of a cached answer's cost, issue 14). Registered before the
 * hooks that refuse requests, so that their refusals carry them too; the errors Fastify answers
 * before any hook (frameworkErrors) add them themselves.
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    // An address spelt with escapes (`/%61pi/v1/…`) gets the pages' set: as complete, less strict.
    reply.headers(securityHeadersFor(request.url));
    done();
  });
}
