import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Loaded, Page } from '../../components/states';
import type { OrganizationStatus } from '../../lib/api/types';
import { useOrganizations } from './api';
import { OrganizationCard } from './OrganizationCard';

const STATUSES: OrganizationStatus[] = ['approved', 'pending', 'suspended', 'rejected', 'closed'];

export function OrganizationsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OrganizationStatus>('approved');
  const organizations = useOrganizations(status);
  return (
    <Page title={t('admin.organizations')}>
      <div className="row" role="group" aria-label={t('coord.filterStatus')} style={{ marginBlockEnd: 12 }}>
        {STATUSES.map((value) => (
          <button
            key={value}
            type="button"
            className={`button ${status === value ? '' : 'secondary'}`}
            aria-pressed={status === value}
            onClick={() => setStatus(value)}
          >
            {t(`org.status.${value}`)}
          </button>
        ))}
      </div>
      <Loaded query={organizations}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('admin.noOrganizations')}</Empty>
          ) : (
            <ul className="list">
              {data.items.map((organization) => (
                <OrganizationCard key={organization.id} organization={organization} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}
