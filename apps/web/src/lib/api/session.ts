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

/** Returns a fresh access token, null when the session is over; throws NetworkError when offline. */
export function refresh(): Promise<string | null> {
  if (!refreshing) {
    refreshing = (async () => {
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
    })().finally(() => {
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
