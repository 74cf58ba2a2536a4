import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormError, TextField, formValues } from '../../components/form';
import { LocaleSwitch } from '../../components/locale-switch';
import { Page } from '../../components/states';
import { api, unwrap } from '../../lib/api/client';
import { useAuth, useMe } from '../../lib/auth';

function download(name: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut, reload } = useAuth();
  const [confirmDelete, setConfirmDelete] = useState(false);

  const rename = useMutation({
    mutationFn: (displayName: string) => unwrap(api.PATCH('/api/v1/me', { body: { displayName } })),
    onSuccess: () => reload(),
  });
  const password = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap<void>(api.POST('/api/v1/me/password', { body })),
  });
  const exportData = useMutation({
    mutationFn: () => unwrap<unknown>(api.GET('/api/v1/me/export')),
    onSuccess: (data) => download('haven-my-data.json', JSON.stringify(data, null, 2), 'application/json'),
  });
  const remove = useMutation({
    mutationFn: (value: string) => unwrap<void>(api.DELETE('/api/v1/me', { body: { password: value } })),
    onSuccess: () => signOut(),
  });

  return (
    <Page title={t('account.title')}>
      <section className="card" aria-labelledby="account-me">
        <h2 id="account-me">{me.displayName}</h2>
        <p className="meta">
          <bdi>{me.email}</bdi> · {t(`auth.role.${me.role}`)}
        </p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate(formValues(event.currentTarget).displayName);
          }}
        >
          <FormError error={rename.error} fields={['displayName']} />
          <TextField
            label={t('auth.displayName')}
            name="displayName"
            defaultValue={me.displayName}
            error={rename.error}
            maxLength={80}
          />
          <button className="button secondary" type="submit" disabled={rename.isPending}>
            {t('common.save')}
          </button>
        </form>
        <div className="actions">
          <Link className="button link" to="/notifications/settings">
            {t('notifications.settings')}
          </Link>
          {me.role === 'volunteer' && (
            <Link className="button link" to="/notifications/settings#phone">
              {t('account.phoneLink')}
            </Link>
          )}
          <button type="button" className="button secondary" onClick={() => void signOut()}>
            {t('auth.signOut')}
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="account-language">
        <h2 id="account-language">{t('common.language')}</h2>
        <div className="field">
          <label htmlFor="account-locale">{t('account.languageLabel')}</label>
          <LocaleSwitch id="account-locale" className="" />
        </div>
      </section>

      <section className="card" aria-labelledby="account-password">
        <h2 id="account-password">{t('account.passwordTitle')}</h2>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const values = formValues(event.currentTarget);
            password.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
          }}
        >
          <FormError error={password.error} fields={['currentPassword', 'newPassword']} />
          <TextField
            label={t('account.currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={password.error}
          />
          <TextField
            label={t('auth.newPassword')}
            hint={t('auth.passwordHint')}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            error={password.error}
          />
          <button className="button secondary" type="submit" disabled={password.isPending}>
            {t('account.changePassword')}
          </button>
          {password.isSuccess && (
            <p className="banner ok" role="status">
              {t('account.passwordChanged')}
            </p>
          )}
        </form>
      </section>

      <section className="card" aria-labelledby="account-data">
        <h2 id="account-data">{t('account.dataTitle')}</h2>
        <p>{t('account.exportIntro')}</p>
        <button
          type="button"
          className="button secondary"
          onClick={() => exportData.mutate()}
          disabled={exportData.isPending}
        >
          {t('account.export')}
        </button>
        <hr style={{ marginBlock: 16, border: 0, borderBlockStart: '1px solid var(--line)' }} />
        <p>{t('account.deleteIntro')}</p>
        {!confirmDelete ? (
          <button type="button" className="button danger" onClick={() => setConfirmDelete(true)}>
            {t('account.delete')}
          </button>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              remove.mutate(formValues(event.currentTarget).password);
            }}
          >
            <FormError error={remove.error} fields={['password']} />
            <TextField
              label={t('account.deleteConfirm')}
              name="password"
              type="password"
              autoComplete="current-password"
              error={remove.error}
            />
            <div className="actions">
              <button className="button danger" type="submit" disabled={remove.isPending}>
                {t('account.deleteForever')}
              </button>
              <button type="button" className="button link" onClick={() => setConfirmDelete(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        )}
      </section>
    </Page>
  );
}
