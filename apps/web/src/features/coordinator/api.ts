import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Page } from '../../lib/api/client';
import type {
  Camp,
  Clearance,
  Invitation,
  Need,
  Organization,
  Pledge,
  Task,
  TaskSignup,
} from '../../lib/api/types';

export interface Member {
  userId: string;
  displayName: string;
  email: string;
  memberRole: string;
  joinedAt: string;
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: ['organization', id],
    queryFn: () =>
      unwrap<Organization>(api.GET('/api/v1/organizations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    // The vetting state changes elsewhere (an admin decides): read it afresh whenever it is shown,
    // and every minute while an application waits.
    refetchOnMount: 'always',
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 60_000 : false),
  });
}

export function useMembers(id: string) {
  return useQuery({
    queryKey: ['organization', id, 'members'],
    queryFn: () =>
      unwrap<{ items: Member[] }>(
        api.GET('/api/v1/organizations/{id}/members', { params: { path: { id } } }),
      ),
  });
}

export function useMyInvitations(enabled: boolean) {
  return useQuery({
    queryKey: ['my-invitations'],
    queryFn: () => unwrap<Page<Invitation> | Invitation[]>(api.GET('/api/v1/me/invitations')),
    enabled,
    retry: false,
  });
}

export function useOrgNeeds(organizationId: string, status: string) {
  return useQuery({
    queryKey: ['org-needs', organizationId, status],
    queryFn: () =>
      unwrap<Page<Need>>(
        api.GET('/api/v1/needs', { params: { query: { organizationId, status, limit: 100 } as never } }),
      ),
  });
}

export function useOrgTasks(query: Record<string, string>) {
  return useQuery({
    queryKey: ['org-tasks', query],
    queryFn: () =>
      unwrap<Page<Task>>(api.GET('/api/v1/tasks', { params: { query: { limit: 100, ...query } as never } })),
  });
}

export function useNeedPledges(needId: string | undefined) {
  return useQuery({
    queryKey: ['need', needId, 'pledges'],
    queryFn: () =>
      unwrap<Page<Pledge & { volunteerName?: string }>>(
        api.GET('/api/v1/needs/{id}/pledges', { params: { path: { id: needId! }, query: { limit: 100 } } }),
      ),
    enabled: Boolean(needId),
  });
}

export function useTaskSignups(taskId: string) {
  return useQuery({
    queryKey: ['task', taskId, 'signups'],
    queryFn: () =>
      unwrap<Page<TaskSignup>>(
        api.GET('/api/v1/tasks/{id}/signups', {
          params: { path: { id: taskId }, query: { limit: 100 } as never },
        }),
      ),
  });
}

export function useClearances(organizationId: string) {
  return useQuery({
    queryKey: ['clearances', organizationId],
    queryFn: () =>
      unwrap<Page<Clearance>>(
        api.GET('/api/v1/organizations/{id}/safeguarding-clearances', {
          params: { path: { id: organizationId }, query: { limit: 100 } },
        }),
      ),
  });
}

export function useCampList() {
  return useQuery({
    queryKey: ['camps'],
    queryFn: () =>
      unwrap<Page<Camp>>(api.GET('/api/v1/camps', { params: { query: { limit: 100 } as never } })),
    staleTime: 10 * 60_000,
  });
}

/** A mutation over `call` that refreshes the given query roots when it settles. */
export function useAction<TInput, TResult = unknown>(
  fn: (input: TInput) => Promise<TResult>,
  roots: string[],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      client.invalidateQueries({ predicate: (query) => roots.includes(String(query.queryKey[0])) }),
  });
}
