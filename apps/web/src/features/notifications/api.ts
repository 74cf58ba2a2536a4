import { useMutation, useQuery, useQueryClient, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Page } from '../../lib/api/client';
import type { Notification, Preferences } from '../../lib/api/types';

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => unwrap<{ count: number }>(api.GET('/api/v1/me/notifications/unread-count')),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useFeed() {
  return useInfiniteQuery({
    queryKey: ['notifications', 'feed'],
    queryFn: ({ pageParam }) =>
      unwrap<Page<Notification>>(
        api.GET('/api/v1/me/notifications', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } as never },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchOnMount: 'always',
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      id === 'all'
        ? unwrap<void>(api.POST('/api/v1/me/notifications/read-all', { body: {} }))
        : unwrap<void>(
            api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } }, body: {} }),
          ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => unwrap<Preferences>(api.GET('/api/v1/me/notification-preferences')),
  });
}

export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Preferences) =>
      unwrap<Preferences>(api.PUT('/api/v1/me/notification-preferences', { body: body as never })),
    onSuccess: (data) => client.setQueryData(['notification-preferences'], data),
  });
}

/** The phone for texts: set it (a code goes out), verify it with the code, remove it. */
export function usePhoneActions(reload: () => Promise<void>) {
  const client = useQueryClient();
  const after = async () => {
    await reload();
    // Removing or changing the number switches texts off on the server.
    await client.invalidateQueries({ queryKey: ['notification-preferences'] });
  };
  return {
    set: useMutation({
      mutationFn: (phone: string) => unwrap<void>(api.PUT('/api/v1/me/phone', { body: { phone } })),
      onSuccess: after,
    }),
    verify: useMutation({
      mutationFn: (code: string) => unwrap<void>(api.POST('/api/v1/me/phone/verify', { body: { code } })),
      onSuccess: after,
    }),
    remove: useMutation({
      mutationFn: () => unwrap<void>(api.DELETE('/api/v1/me/phone')),
      onSuccess: after,
    }),
  };
}
