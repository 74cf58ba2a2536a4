import { afterEach, describe, expect, it, vi } from 'vitest';
import { authedFetch, getAccessToken, refresh, setAccessToken } from './session';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A server whose access tokens are "old" until one refresh hands out "new". */
function server() {
  const refreshes: number[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), location.origin));
    if (request.url.endsWith('/api/v1/auth/refresh')) {
      refreshes.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 20));
      return json(200, { accessToken: `new-${refreshes.length}` });
    }
    const auth = request.headers.get('Authorization') ?? '';
    return auth.startsWith('Bearer new') ? json(200, { ok: true }) : json(401, { status: 401 });
  });
  vi.stubGlobal('fetch', fetch);
  return { refreshes };
}

const get = (path: string) => authedFetch(new Request(new URL(path, location.origin)));

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('the session refresh', () => {
  it('shares one refresh among the requests that find the access token expired at once', async () => {
    const { refreshes } = server();
    setAccessToken('old');
    const responses = await Promise.all(['/api/v1/me', '/api/v1/notifications', '/api/v1/tasks'].map(get));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(refreshes).toHaveLength(1);
    expect(getAccessToken()).toBe('new-1');
  });

  it('refreshes under a Web Lock, so other tabs take turns rather than send one cookie together', async () => {
    const { refreshes } = server();
    let held = false;
    const heldDuringRefresh: boolean[] = [];
    const fetch = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      heldDuringRefresh.push(held);
      return fetch(input);
    });
    const request = vi.fn(async (_name: string, work: () => Promise<unknown>) => {
      held = true;
      try {
        return await work();
      } finally {
        held = false;
      }
    });
    vi.stubGlobal('navigator', { ...navigator, locks: { request } });
    expect(await Promise.all([refresh(), refresh()])).toEqual(['new-1', 'new-1']);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0][0]).toBe('haven-refresh');
    expect(heldDuringRefresh).toEqual([true]);
    expect(refreshes).toHaveLength(1);
  });

  it('ends the session when the refresh is refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { status: 401 })),
    );
    setAccessToken('old');
    expect(await refresh()).toBeNull();
    expect(getAccessToken()).toBeNull();
  });
});
