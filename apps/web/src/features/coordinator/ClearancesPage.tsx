import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, TextField } from '../../components/form';
import { Empty, Loaded, Page, Status } from '../../components/states';
import { api, unwrap } from '../../lib/api/client';
import type { Clearance } from '../../lib/api/types';
import { useMe } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { useAction, useClearances } from './api';
import { NotApproved } from './NeedsPage';

function Revoke({ clearance, organizationId }: { clearance: Clearance; organizationId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const revoke = useAction(
    () =>
      unwrap(
        api.DELETE('/api/v1/organizations/{id}/safeguarding-clearances/{clearanceId}', {
          params: { path: { id: organizationId, clearanceId: clearance.id } },
          body: { reason },
        }),
      ),
    ['clearances'],
  );
  if (!open)
    return (
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        {t('coord.revoke')}
      </button>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        revoke.mutate(undefined);
      }}
    >
      <FormError error={revoke.error} fields={['reason']} />
      <TextField
        label={t('coord.revokeReason')}
        hint={t('coord.revokeHint')}
        name="reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        required
        error={revoke.error}
      />
      <div className="actions">
        <button type="submit" className="button danger" disabled={revoke.isPending}>
          {t('coord.revoke')}
        </button>
        <button type="button" className="button link" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function ClearancesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  if (!me.organization || me.organization.status !== 'approved') return <NotApproved />;
  return (
    <ClearanceList organizationId={me.organization.id} title={t('coord.clearances')} locale={i18n.language} />
  );
}

function ClearanceList({
  organizationId,
  title,
  locale,
}: {
  organizationId: string;
  title: string;
  locale: string;
}) {
  const { t } = useTranslation();
  const clearances = useClearances(organizationId);
  return (
    <Page title={title}>
      <p>{t('coord.clearancesIntro')}</p>
      <Loaded query={clearances}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('coord.noClearances')}</Empty>
          ) : (
            <ul className="list">
              {data.items.map((clearance) => {
                const expired = new Date(clearance.validUntil) <= new Date();
                const soon =
                  !expired && new Date(clearance.validUntil).getTime() - Date.now() < 30 * 86_400_000;
                return (
                  <li key={clearance.id} className="card">
                    <h3>{clearance.volunteerName ?? clearance.volunteerId}</h3>
                    <p>
                      {clearance.revokedAt ? (
                        <Status value="rejected" label={t('coord.revoked')} />
                      ) : (
                        <Status
                          value={expired ? 'rejected' : soon ? 'pending' : 'approved'}
                          label={t(expired ? 'coord.expired' : 'coord.validUntilDate', {
                            date: formatDate(clearance.validUntil, locale),
                          })}
                        />
                      )}
                    </p>
                    {!clearance.revokedAt && !expired && (
                      <Revoke clearance={clearance} organizationId={organizationId} />
                    )}
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
