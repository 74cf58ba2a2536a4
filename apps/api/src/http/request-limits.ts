import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Duplex } from 'node:stream';
import { problem, PROBLEM_CONTENT_TYPE, sendProblem, UUID } from '@haven/core';
import { securityHeadersFor } from './security-headers';

/**
 * The body limit of every route that does not say otherwise: room for the largest ordinary body
 * (a volunteer profile at its maximums, every character JSON-escaped) and no more.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

/** Needs carry a 5,000-character description and up to 50 items: the largest bodies Haven takes. */
export const NEED_BODY_LIMIT_BYTES = 192 * 1024;

/** A route's own body limit in bytes, refused with 413 before the body is read past it. */
export const BodyLimit = (bytes: number) => RouteConfig({ bodyLimit: bytes });

/** Applies each route's `@BodyLimit` as Fastify's own per-route limit. Call before routes register. */
export function applyRouteBodyLimits(instance: FastifyInstance): void {
  instance.addHook('onRoute', (route: RouteOptions) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}

/** Route parameters that name records: `:id`, `:itemId`, `:userId`… (API.md: ids are UUIDs). */
const isIdParam = (name: string) => name === 'id' || name.endsWith('Id');

/**
 * The cheapest refusals, before the body is read, a token is checked or a pipe runs: a path id
 * that is no UUID (400), and a URL carrying an encoded NUL, which PostgreSQL text cannot store.
 */
export function refuseMalformedUrls(instance: FastifyInstance): void {
  // A callback hook, not an async one: a promise and its turn on every request, for a check that
  // never waits (issue 14). A refusal is sent without calling `done`, which ends the request there.
  instance.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (/%00/.test(request.url)) {
      sendProblem(reply, problem(400, 'bad_request', 'The address contains a NUL character.'));
      return;
    }
    // Haven's own routes only: the bull-board dashboard names BullMQ jobs by their own ids.
    if (request.routeOptions.url?.startsWith('/api/v1/')) {
      const params = (request.params ?? {}) as Record<string, unknown>;
      for (const name in params) {
        const value = params[name];
        if (isIdParam(name) && (typeof value !== 'string' || !UUID.test(value))) {
          sendProblem(
            reply,
            problem(400, 'validation', 'The request has invalid fields.', [
              { field: name, message: 'must be a UUID' },
            ]),
          );
          return;
        }
      }
    }
    done();
  });
}

/**
 * Errors Fastify answers itself, before any route, hook or Nest filter: a path parameter over 100
 * characters (414), a URL that is not valid percent-encoding (400). Problem+json, never echoing the
 * URL, with the security headers every answer has.
 */
export function frameworkErrors(error: { code?: string }, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(
      reply,
      problem(414, 'uri_too_long', 'A part of the address is too long.'),
      securityHeadersFor(request.url),
    );
  }
  return sendProblem(
    reply,
    problem(400, 'bad_request', 'The address could not be read.'),
    securityHeadersFor(request.url),
  );
}

/**
 * Requests Node cannot even parse (malformed request line, headers too large): answered on the
 * socket as problem+json too, then closed.
 */
export function clientErrorHandler(error: { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify(
    problem(
      status,
      status === 431 ? 'headers_too_large' : 'bad_request',
      status === 431 ? 'The request headers are too large.' : 'The request could not be read.',
    ),
  );
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
