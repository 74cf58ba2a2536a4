import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, TextField } from '../../components/form';
import { Page } from '../../components/states';
import { api, unwrap } from '../../lib/api/client';
import { useAdminAction } from './api';

/** Suspend or reinstate an account by its id (found in the audit log or an organisation's members). */
export function UsersPage() {
  const { t } = useTranslation();
  const [userId, setUserId] = useState(() => new URLSearchParams(location.search).get('id') ?? '');
  const [reason, setReason] = useState('');
  const act = useAdminAction(
    (action: 'suspend' | 'reinstate') =>
      unwrap(
        api.POST(
          action === 'suspend' ? '/api/v1/admin/users/{id}/suspend' : '/api/v1/admin/users/{id}/reinstate',
          {
            params: { path: { id: userId.trim() } },
            body: { reason },
          },
        ),
      ),
    [],
  );
  return (
    <Page title={t('admin.users')}>
      <p>{t('admin.usersIntro')}</p>
      <form className="card" onSubmit={(event) => event.preventDefault()} noValidate>
        <FormError error={act.error} fields={['reason']} />
        <TextField
          label={t('admin.userId')}
          name="id"
          value={userId}
          onChange={(event) => setUserId(event.target.value)}
          required
        />
        <TextField
          label={t('admin.reason')}
          name="reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
          error={act.error}
        />
        <div className="actions">
          <button
            type="button"
            className="button danger"
            onClick={() => act.mutate('suspend')}
            disabled={act.isPending}
          >
            {t('admin.suspendUser')}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => act.mutate('reinstate')}
            disabled={act.isPending}
          >
            {t('admin.reinstateUser')}
          </button>
        </div>
        {act.isSuccess && (
          <p className="banner ok" role="status">
            {t('common.saved')}
          </p>
        )}
      </form>
    </Page>
  );
}
