import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/problem';

/** Retries what a poor connection loses, never what the API refused. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Shown from cache at once, then refreshed quietly on every visit a few seconds apart.
        staleTime: 5_000,
        gcTime: 24 * 60 * 60_000,
        networkMode: 'offlineFirst',
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 3,
        refetchOnWindowFocus: true,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
