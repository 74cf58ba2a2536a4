import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, Loaded, Page, Status } from '../../components/states';
import { useMe } from '../../lib/auth';
import { useOrgNeeds } from './api';

const STATUSES = ['open', 'filled', 'closed', 'cancelled'];

export function NotApproved() {
  const { t } = useTranslation();
  return (
    <div className="card">
      <p>{t('coord.notApproved')}</p>
      <Link className="button" to="/organization">
        {t('nav.organization')}
      </Link>
    </div>
  );
}

export function NeedsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [status, setStatus] = useState('open');
  if (!me.organization || me.organization.status !== 'approved') {
    return (
      <Page title={t('coord.needs')}>
        <NotApproved />
      </Page>
    );
  }
  return (
    <Page
      title={t('coord.needs')}
      actions={
        <Link className="button" to="/org/needs/new">
          {t('coord.postNeed')}
        </Link>
      }
    >
      <div className="row" role="group" aria-label={t('coord.filterStatus')} style={{ marginBlockEnd: 12 }}>
        {STATUSES.map((value) => (
          <button
            key={value}
            type="button"
            className={`button ${status === value ? '' : 'secondary'}`}
            aria-pressed={status === value}
            onClick={() => setStatus(value)}
          >
            {t(`needStatus.${value}`)}
          </button>
        ))}
      </div>
      <NeedList organizationId={me.organization.id} status={status} />
    </Page>
  );
}

function NeedList({ organizationId, status }: { organizationId: string; status: string }) {
  const { t } = useTranslation();
  const needs = useOrgNeeds(organizationId, status);
  return (
    <Loaded query={needs}>
      {(data) =>
        data.items.length === 0 ? (
          <Empty>{t('coord.noNeeds')}</Empty>
        ) : (
          <ul className="list">
            {data.items.map((need) => (
              <li key={need.id} className="card">
                <Link to={`/org/needs/${need.id}`} className="card-link">
                  <h3>{need.title}</h3>
                  <p className="meta">
                    {need.campName} · {t(`categories.${need.category}`)} ·{' '}
                    {t('coord.taskCount', { count: need.taskCount })}
                  </p>
                </Link>
                <Status
                  value={need.urgency === 'critical' ? 'critical' : need.status}
                  label={`${t(`urgency.${need.urgency}`)} · ${t(`needStatus.${need.status}`)}`}
                />
              </li>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}
