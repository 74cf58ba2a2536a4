import { NetworkError, problemFrom } from './problem';

/**
 * The access token lives in memory only. The refresh token is an HTTP-only cookie scripts cannot
 * read (Path=/api/v1/auth); `refresh()` trades it for a new access token, once at a time.
 */
let accessToken: string | null = null;
let refreshing: Promise<string | null> | null = null;
const listeners = new Set<(token: string | null) => void>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
  for (const listener of listeners) listener(token);
}

export function onAccessToken(listener: (token: string | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Other tabs of this browser refresh with the same cookie: a Web Lock makes them take turns, so
 * the second sends the cookie the first one's answer set rather than the one just rotated out
 * (the server forgives that only for a few seconds). Without Web Locks, it runs at once.
 */
function acrossTabs<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request('haven-refresh', work) as Promise<T>) : work();
}

/**
 * Returns a fresh access token, null when the session is over; throws NetworkError when offline.
 * Every caller of this tab shares the one refresh in flight.
 */
export function refresh(): Promise<string | null> {
  if (!refreshing) {
    refreshing = acrossTabs(async () => {
      let response: Response;
      try {
        response = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
      } catch {
        throw new NetworkError();
      }
      if (!response.ok) {
        if (response.status >= 500) throw await problemFrom(response);
        setAccessToken(null);
        return null;
      }
      const body = (await response.json()) as { accessToken: string };
      setAccessToken(body.accessToken);
      return body.accessToken;
    }).finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

const AUTH_PATHS = /\/api\/v1\/auth\/(login|register|refresh|logout|password-reset|verify-email$)/;

/** fetch with the access token, one silent refresh and retry on 401, and NetworkError when offline. */
export async function authedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = async (request: Request) => {
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    try {
      return await fetch(request);
    } catch {
      throw new NetworkError();
    }
  };
  const response = await send(input);
  if (response.status !== 401 || AUTH_PATHS.test(input.url)) return response;
  const token = await refresh();
  if (!token) return response;
  return send(retry);
}
