import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loaded } from '../../components/states';
import { api, unwrap } from '../../lib/api/client';
import { useMe } from '../../lib/auth';
import { useAdminAction, useOrganizations } from './api';
import { OrganizationCard } from './OrganizationCard';

export function AdminHome() {
  const { t } = useTranslation();
  const me = useMe();
  const pending = useOrganizations('pending');
  const approved = useOrganizations('approved');
  const queues = useAdminAction(
    () =>
      unwrap(api.POST('/api/v1/admin/queues/session')).then(() =>
        window.open('/admin/queues', '_blank', 'noopener'),
      ),
    [],
  );
  const soon = Date.now() + 30 * 86_400_000;
  return (
    <>
      <div className="spread">
        <h1>{t('home.hello', { name: me.displayName })}</h1>
        <button type="button" className="button secondary" onClick={() => queues.mutate(undefined)}>
          {t('admin.queues')}
        </button>
      </div>
      {queues.error ? <ErrorState error={queues.error} /> : null}
      <section aria-labelledby="vetting-queue">
        <h2 id="vetting-queue">{t('admin.vettingQueue')}</h2>
        <Loaded query={pending}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty>{t('admin.noApplications')}</Empty>
            ) : (
              <ul className="list">
                {data.items.map((organization) => (
                  <OrganizationCard key={organization.id} organization={organization} />
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <section aria-labelledby="revetting">
        <h2 id="revetting">{t('admin.revettingDue')}</h2>
        <Loaded query={approved}>
          {(data) => {
            const due = data.items.filter(
              (organization) => organization.reviewBy && new Date(organization.reviewBy).getTime() <= soon,
            );
            return due.length === 0 ? (
              <Empty>{t('admin.noneDue')}</Empty>
            ) : (
              <ul className="list">
                {due.map((organization) => (
                  <OrganizationCard key={organization.id} organization={organization} />
                ))}
              </ul>
            );
          }}
        </Loaded>
      </section>
    </>
  );
}
