import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { safeError, sqlState } from '../logging/safe-error';
import { DomainError } from './domain-error';
import { PROBLEM_CONTENT_TYPE, Problem, problem } from './problem';

/**
 * The single place where failures become responses. Known failures keep their status and a safe
 * detail; anything else is a 500 whose body carries only an errorId that the log line also carries,
 * so no stack trace, SQL or internal message ever reaches a client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, headers } = this.toProblem(exception);
    sendProblem(reply, body, headers);
  }

  toProblem(exception: unknown): { body: Problem; headers?: Record<string, string> } {
    if (exception instanceof DomainError) {
      return {
        body: problem(exception.status, exception.code, exception.detail, exception.errors),
        headers: exception.headers,
      };
    }
    if (exception instanceof ThrottlerException) {
      return { body: problem(429, 'too_many_requests', 'Too many requests; try again later.') };
    }
    const unstorable = sqlState(exception);
    if (unstorable && UNSTORABLE_TEXT.has(unstorable)) {
      return { body: problem(400, 'bad_request', 'The request holds characters that cannot be stored.') };
    }
    const frameworkError = fastifyClientError(exception);
    if (frameworkError) return { body: frameworkError };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) return { body: problem(status, httpCode(status), safeHttpDetail(exception, status)) };
    }

    const errorId = randomUUID();
    // Never the error itself: a database error carries the query and its parameters (request content).
    this.logger.error({ error: safeError(exception), errorId }, 'Unhandled error');
    return { body: { ...problem(500, 'internal', 'Something went wrong on our side.'), errorId } };
  }
}

export function sendProblem(reply: FastifyReply, body: Problem, headers?: Record<string, string>): void {
  if (headers) for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * SQLSTATEs of text PostgreSQL cannot store (a NUL byte, an invalid sequence): the request's fault,
 * so 400. The JSON body parser refuses NUL first; this is the net behind it.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

function httpCode(status: number): string {
  return HTTP_CODES[status] ?? 'client_error';
}

/** Nest's own client errors (route not found, a guard's 403) carry messages written for clients. */
function safeHttpDetail(exception: HttpException, status: number): string {
  if (status === 404) return 'There is nothing at this address.';
  if (status === 401) return 'Sign in to continue.';
  if (status === 403) return 'You are not allowed to do this.';
  const response = exception.getResponse();
  const message =
    typeof response === 'object' && response !== null
      ? (response as { message?: unknown }).message
      : response;
  return typeof message === 'string' ? message : exception.message;
}

/** Errors Fastify raises before a route runs: malformed JSON, oversized or unsupported bodies. */
export function fastifyClientError(exception: unknown): Problem | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { code, statusCode } = exception as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_') || typeof statusCode !== 'number')
    return undefined;
  if (statusCode >= 500) return undefined;
  const details: Record<string, string> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but its content type says JSON.',
    FST_ERR_CTP_BODY_TOO_LARGE: 'The body is larger than this request accepts.',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the body as application/json.',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
  };
  return problem(statusCode, httpCode(statusCode), details[code] ?? 'The request could not be read.');
}
