import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, type Page } from '../../lib/api/client';
import type { Organization } from '../../lib/api/types';

export function useOrganizations(status: string) {
  return useQuery({
    queryKey: ['admin-organizations', status],
    queryFn: () => call<Page<Organization>>('GET', `/api/v1/organizations?status=${status}&limit=100`),
  });
}

export function useAdminAction<T>(fn: (input: T) => Promise<unknown>, roots: string[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      client.invalidateQueries({ predicate: (query) => roots.includes(String(query.queryKey[0])) }),
  });
}
