import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiResponse, ApiSecurity, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

export const PROBLEM_STATUSES = {
  400: 'The request is malformed (the problem lists every invalid field), or its address is',
  401: 'No valid access token',
  403: 'The caller’s role may not do this, or the account is suspended',
  404: 'Nothing with this id that the caller may see',
  409: 'The request conflicts with the current state',
  414: 'A part of the address is too long',
  413: 'The body is larger than the operation accepts (64 KiB; 192 KiB for needs)',
  415: 'The body is not JSON',
  422: 'A free-text field carries personal details of a person (the privacy guard)',
  429: 'Too many requests: wait for Retry-After seconds',
  500: 'An unexpected failure: the problem carries only an errorId to find it in the log',
  503: 'A dependency does not answer',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/**
 * The errors an operation can answer beyond those document.ts adds wherever they apply (400, 414,
 * 429 and 500 everywhere, 401 and 403 when signed in, 404 with a path id, 413 and 415 with a body):
 * usually 409 and 422. Each is an application/problem+json `ProblemDto`.
 */
export const ApiProblems = (...statuses: ProblemStatus[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_STATUSES[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );

/** A keyset-paginated list: `{ items: Item[], nextCursor: string | null }`. */
export const ApiPage = (item: Type<unknown>, description = 'One page, in a stable order') =>
  applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'Pass as `cursor` for the next page; null on the last page',
          },
        },
      },
    }),
  );

/**
 * The calendar feed's own secret token in the query instead of a bearer token; use with @Public(),
 * whose operations document.ts gives only the security they declare themselves.
 */
export const CALENDAR_TOKEN_SCHEME = 'calendarToken';
export const ApiCalendarToken = () => ApiSecurity(CALENDAR_TOKEN_SCHEME);
