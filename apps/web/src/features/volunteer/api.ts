import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Page } from '../../lib/api/client';
import { NetworkError } from '../../lib/api/problem';
import type {
  Camp,
  MySignups,
  Need,
  Pledge,
  Recommendation,
  Signup,
  Task,
  VolunteerProfile,
} from '../../lib/api/types';
import { enqueue } from '../../lib/offline-queue';

export interface TaskFilters {
  category?: string;
  campId?: string;
  skill?: string;
  language?: string;
  remote?: string;
  from?: string;
  to?: string;
  hasSpace?: string;
}

export function useTasks(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: ['tasks', filters],
    queryFn: ({ pageParam }) => {
      const query: Record<string, string> = { limit: '20' };
      for (const [key, value] of Object.entries(filters)) if (value) query[key] = value;
      if (query.from) query.from = new Date(query.from).toISOString();
      if (query.to) query.to = new Date(`${query.to}T23:59:59`).toISOString();
      if (pageParam) query.cursor = pageParam;
      return unwrap<Page<Task>>(api.GET('/api/v1/tasks', { params: { query: query as never } }));
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRecommended() {
  return useQuery({
    queryKey: ['recommended'],
    queryFn: () =>
      unwrap<Page<Recommendation>>(
        api.GET('/api/v1/tasks/recommended', { params: { query: { limit: 10 } as never } }),
      ),
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: ['task', id],
    queryFn: () => unwrap<Task>(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
    refetchOnMount: 'always',
  });
}

export function useNeed(id: string | undefined) {
  return useQuery({
    queryKey: ['need', id],
    queryFn: () => unwrap<Need>(api.GET('/api/v1/needs/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useMySignups() {
  return useQuery({
    queryKey: ['my-signups'],
    queryFn: () =>
      unwrap<MySignups>(api.GET('/api/v1/me/signups', { params: { query: { limit: 100 } as never } })),
    // A volunteer's own places change elsewhere (promotions, attendance): shown from cache, then
    // read afresh on every visit.
    refetchOnMount: 'always',
  });
}

export function useMyPledges() {
  return useQuery({
    queryKey: ['my-pledges'],
    queryFn: () =>
      unwrap<Page<Pledge & { need?: { id: string; title: string }; item?: { name: string; unit: string } }>>(
        api.GET('/api/v1/me/pledges', { params: { query: { limit: 100 } as never } }),
      ),
  });
}

export function useCamps() {
  return useQuery({
    queryKey: ['camps'],
    queryFn: () =>
      unwrap<Page<Camp>>(api.GET('/api/v1/camps', { params: { query: { limit: 100 } as never } })),
    staleTime: 10 * 60_000,
  });
}

export function useProfile() {
  return useQuery({
    queryKey: ['volunteer-profile'],
    queryFn: () => unwrap<VolunteerProfile>(api.GET('/api/v1/me/volunteer-profile')),
  });
}

export function useSaveProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: VolunteerProfile) =>
      unwrap<VolunteerProfile>(api.PUT('/api/v1/me/volunteer-profile', { body: body as never })),
    onSuccess: (data) => {
      client.setQueryData(['volunteer-profile'], data);
      void client.invalidateQueries({ queryKey: ['recommended'] });
    },
  });
}

/** The outcome of a change: sent, or kept on the device to send when the connection returns. */
export type Delivery<T> = { sent: true; result: T } | { sent: false };

/** Sends, or keeps the change for later when the connection is lost; never drops it. */
async function sendOrKeep<T>(
  send: () => Promise<T>,
  change: Parameters<typeof enqueue>[0],
): Promise<Delivery<T>> {
  if (!navigator.onLine) {
    enqueue(change);
    return { sent: false };
  }
  try {
    return { sent: true, result: await send() };
  } catch (error) {
    if (error instanceof NetworkError) {
      enqueue(change);
      return { sent: false };
    }
    throw error;
  }
}

export function useSignUp(task: Pick<Task, 'id' | 'title'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      sendOrKeep(
        () =>
          unwrap<Signup>(
            api.POST('/api/v1/tasks/{id}/signups', { params: { path: { id: task.id } }, body: {} as never }),
          ),
        {
          method: 'POST',
          path: `/api/v1/tasks/${task.id}/signups`,
          body: {},
          label: task.title,
          kind: 'signup',
        },
      ),
    onSettled: () =>
      client.invalidateQueries({
        predicate: (query) =>
          ['my-signups', 'task', 'tasks', 'recommended'].includes(String(query.queryKey[0])),
      }),
  });
}

export function useWithdraw(task: Pick<Task, 'id' | 'title'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      sendOrKeep(
        () =>
          unwrap<void>(api.DELETE('/api/v1/tasks/{id}/signups/me', { params: { path: { id: task.id } } })),
        {
          method: 'DELETE',
          path: `/api/v1/tasks/${task.id}/signups/me`,
          label: task.title,
          kind: 'withdraw',
        },
      ),
    onSettled: () =>
      client.invalidateQueries({
        predicate: (query) => ['my-signups', 'task', 'tasks'].includes(String(query.queryKey[0])),
      }),
  });
}

export function usePledge(needId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, quantity, label }: { itemId: string; quantity: number; label: string }) =>
      sendOrKeep(
        () =>
          unwrap<Pledge>(
            api.POST('/api/v1/needs/{id}/items/{itemId}/pledges', {
              params: { path: { id: needId, itemId } },
              body: { quantity } as never,
            }),
          ),
        {
          method: 'POST',
          path: `/api/v1/needs/${needId}/items/${itemId}/pledges`,
          body: { quantity },
          label,
          kind: 'pledge',
        },
      ),
    onSettled: () =>
      client.invalidateQueries({
        predicate: (query) => ['need', 'my-pledges'].includes(String(query.queryKey[0])),
      }),
  });
}

export function useCalendarToken() {
  return useMutation({
    mutationFn: () =>
      unwrap<{ url?: string; token?: string }>(api.POST('/api/v1/me/calendar-token', { body: {} as never })),
  });
}
