import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form';
import { Empty, Loaded, Page } from '../../components/states';
import { api, unwrap, type Page as ApiPage } from '../../lib/api/client';
import type { AuditEntry } from '../../lib/api/types';
import { formatDateTime } from '../../lib/format';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState({ actorId: '', entity: '', action: '' });
  const audit = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => {
      const query: Record<string, string | number> = { limit: 50 };
      for (const [key, value] of Object.entries(filters)) if (value.trim()) query[key] = value.trim();
      if (pageParam) query.cursor = pageParam;
      return unwrap<ApiPage<AuditEntry & { summary?: string }>>(
        api.GET('/api/v1/admin/audit-log', { params: { query } }),
      );
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = audit.data?.pages.flatMap((page) => page.items);
  return (
    <Page title={t('admin.audit')}>
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setFilters({
            actorId: String(data.get('actorId') ?? ''),
            entity: String(data.get('entity') ?? ''),
            action: String(data.get('action') ?? ''),
          });
        }}
      >
        <div className="grid-2">
          <TextField
            label={t('admin.actorId')}
            name="actorId"
            defaultValue={filters.actorId}
            error={audit.error}
          />
          <TextField
            label={t('admin.entity')}
            hint="organization, need, task, signup"
            name="entity"
            defaultValue={filters.entity}
            error={audit.error}
          />
          <TextField
            label={t('admin.action')}
            hint="organization.approved"
            name="action"
            defaultValue={filters.action}
            error={audit.error}
          />
        </div>
        <button className="button secondary" type="submit">
          {t('admin.filter')}
        </button>
      </form>
      <Loaded query={{ ...audit, data: items }}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('admin.noEntries')}</Empty>
          ) : (
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.when')}</th>
                    <th scope="col">{t('admin.action')}</th>
                    <th scope="col">{t('admin.entity')}</th>
                    <th scope="col">{t('admin.actorId')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((entry) => (
                    <tr key={entry.id}>
                      <td>{formatDateTime(entry.createdAt, i18n.language)}</td>
                      <td>
                        {entry.action}
                        {entry.summary ? <div className="meta">{entry.summary}</div> : null}
                      </td>
                      <td>
                        {entry.entity} <span className="meta">{entry.entityId?.slice(0, 8)}</span>
                      </td>
                      <td>
                        {entry.actorId ? (
                          <Link to={`/admin/users?id=${entry.actorId}`}>{entry.actorId.slice(0, 8)}</Link>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      {audit.hasNextPage && (
        <button type="button" className="button secondary block" onClick={() => void audit.fetchNextPage()}>
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}
