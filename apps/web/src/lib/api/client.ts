import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiError, isProblem } from './problem';
import { authedFetch } from './session';

/** The typed client: paths and request bodies checked against the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', fetch: authedFetch, credentials: 'same-origin' });

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError with the problem details. Many
 * responses are not typed in the document yet, so callers name the shape they read.
 */
export async function unwrap<T>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    if (isProblem(error)) throw new ApiError(error);
    throw new ApiError({
      type: 'about:blank',
      title: response.statusText || 'Error',
      status: response.status,
    });
  }
  return data as T;
}

/**
 * A request body by its schema name in the OpenAPI document, for bodies a form assembles (their
 * fields are checked by the API, which answers with the field that is wrong).
 */
export type Body<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
