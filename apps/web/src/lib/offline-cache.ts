import { dehydrate, hydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';

/**
 * The volunteer's own shifts and the task pages they opened are kept in localStorage, so they read
 * offline. Only these queries are kept, and only for the signed-in person (cleared at sign-out).
 */
const KEY = 'haven.cache';
const KEPT_ROOTS = new Set(['me', 'my-signups', 'task', 'need']);

export function restoreCache(client: QueryClient, userId: string): void {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return;
    const saved = JSON.parse(raw) as { userId: string; state: DehydratedState };
    if (saved.userId !== userId) {
      localStorage.removeItem(KEY);
      return;
    }
    hydrate(client, saved.state);
  } catch {
    localStorage.removeItem(KEY);
  }
}

export function persistCache(client: QueryClient, userId: () => string | null): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    const id = userId();
    if (!id) return;
    const state = dehydrate(client, {
      shouldDehydrateQuery: (query) =>
        query.state.status === 'success' && KEPT_ROOTS.has(String(query.queryKey[0])),
    });
    try {
      localStorage.setItem(KEY, JSON.stringify({ userId: id, state }));
    } catch {
      // Storage full: the cache is a convenience, the API remains the truth.
    }
  };
  // A reload or a closed tab within the half second would otherwise keep the state before it.
  const saveNow = () => {
    if (!timer) return;
    clearTimeout(timer);
    save();
  };
  window.addEventListener('pagehide', saveNow);
  const unsubscribe = client.getQueryCache().subscribe(() => {
    if (!timer) timer = setTimeout(save, 500);
  });
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', saveNow);
  };
}

export function clearCache(): void {
  localStorage.removeItem(KEY);
}
