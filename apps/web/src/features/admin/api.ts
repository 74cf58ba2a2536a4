import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Page } from '../../lib/api/client';
import type { Organization, OrganizationStatus } from '../../lib/api/types';

export function useOrganizations(status: OrganizationStatus) {
  return useQuery({
    queryKey: ['admin-organizations', status],
    queryFn: () =>
      unwrap<Page<Organization>>(
        api.GET('/api/v1/organizations', { params: { query: { status, limit: 100 } } }),
      ),
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
