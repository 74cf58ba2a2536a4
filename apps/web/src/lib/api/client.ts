import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, isProblem, problemFrom } from './problem';
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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A plain request for what the typed client does not fit well: query strings assembled from
 * filters and bodies assembled from forms. Prefer `api`: its paths and bodies are checked against
 * the OpenAPI document at compile time.
 */
export async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await authedFetch(
    new Request(new URL(path, location.origin), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  if (!response.ok) throw await problemFrom(response);
  if (response.status === 204 || response.status === 202) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}
