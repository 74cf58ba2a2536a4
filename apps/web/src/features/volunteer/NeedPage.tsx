import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, Empty, Loaded, Page, Status } from '../../components/states';
import { SupplyBar } from '../../components/supply-bar';
import { api, unwrap } from '../../lib/api/client';
import { useMe } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import type { Need, NeedItem } from '../../lib/api/types';
import { useMyPledges, useNeed, usePledge } from './api';

function PledgeForm({ need, item }: { need: Need; item: NeedItem }) {
  const { t } = useTranslation();
  const pledge = usePledge(need.id);
  const [quantity, setQuantity] = useState(1);
  if (item.remaining <= 0) return <p className="meta">{t('pledge.fullyPledged')}</p>;
  return (
    <form
      className="row"
      onSubmit={(event) => {
        event.preventDefault();
        pledge.mutate({ itemId: item.id, quantity, label: `${item.name} × ${quantity}` });
      }}
    >
      <label htmlFor={`qty-${item.id}`} className="visually-hidden">
        {t('pledge.quantityFor', { item: item.name })}
      </label>
      <input
        id={`qty-${item.id}`}
        type="number"
        min={1}
        max={item.remaining}
        value={quantity}
        onChange={(event) => setQuantity(Number(event.target.value))}
        style={{ inlineSize: '7rem' }}
      />
      <button type="submit" className="button" disabled={pledge.isPending}>
        {t('pledge.pledge')}
      </button>
      {pledge.data && !pledge.data.sent && <span role="status">{t('offline.kept')}</span>}
      {pledge.data?.sent && <span role="status">{t('pledge.thanks')}</span>}
      {pledge.error && <ErrorState error={pledge.error} />}
    </form>
  );
}

export function NeedPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const need = useNeed(id);
  return (
    <Loaded query={need}>
      {(data) => (
        <article>
          <p className="meta">
            {t(`categories.${data.category}`)} · {data.organizationName} · {data.campName}
          </p>
          <h1>{data.title}</h1>
          <p style={{ whiteSpace: 'pre-line' }}>{data.description}</p>
          {data.beneficiaries && (
            <p className="meta">
              {t('need.beneficiaries', {
                count: Number(data.beneficiaries.count) || 0,
                shown: String(data.beneficiaries.count),
                group: t(`ageGroups.${data.beneficiaries.ageGroup}`),
              })}
            </p>
          )}
          <h2>{t('need.supplies')}</h2>
          {data.items.length === 0 ? (
            <Empty>{t('need.noItems')}</Empty>
          ) : (
            <ul className="list">
              {data.items.map((item) => (
                <li key={item.id} className="card">
                  <h3>{item.name}</h3>
                  <SupplyBar item={item} />
                  {me.role === 'volunteer' && data.status === 'open' && (
                    <PledgeForm need={data} item={item} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </article>
      )}
    </Loaded>
  );
}

export function MyPledgesPage() {
  const { t, i18n } = useTranslation();
  const pledges = useMyPledges();
  const needIds = [
    ...new Set((pledges.data?.items ?? []).map((pledge) => pledge.needId).filter(Boolean)),
  ] as string[];
  const needs = useQueries({
    queries: needIds.map((needId) => ({
      queryKey: ['need', needId],
      queryFn: () => unwrap<Need>(api.GET('/api/v1/needs/{id}', { params: { path: { id: needId } } })),
    })),
  });
  const needById = new Map(needs.filter((query) => query.data).map((query) => [query.data!.id, query.data!]));
  return (
    <Page title={t('pledge.mine')}>
      <Loaded query={pledges}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('pledge.none')}</Empty>
          ) : (
            <ul className="list">
              {data.items.map((pledge) => {
                const need = pledge.needId ? needById.get(pledge.needId) : undefined;
                const item = need?.items.find((entry) => entry.id === pledge.itemId);
                return (
                  <li key={pledge.id} className="card">
                    <h3>{need ? <Link to={`/needs/${need.id}`}>{need.title}</Link> : t('common.loading')}</h3>
                    <p>
                      {formatNumber(pledge.quantity, i18n.language)}{' '}
                      {item ? `${item.unit} · ${item.name}` : ''}
                    </p>
                    <div className="row">
                      <Status
                        value={pledge.status}
                        label={t(`pledge.status.${pledge.status}`, { defaultValue: pledge.status })}
                      />
                      {pledge.status === 'pledged' && (
                        <button
                          type="button"
                          className="button link"
                          onClick={() =>
                            void unwrap(
                              api.POST('/api/v1/pledges/{id}/cancel', {
                                params: { path: { id: pledge.id } },
                                body: {},
                              }),
                            ).then(() => pledges.refetch())
                          }
                        >
                          {t('pledge.cancel')}
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}
