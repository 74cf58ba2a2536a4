import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BellIcon } from '../../components/icons';
import { Check, FormError, SelectField } from '../../components/form';
import { Empty, Loaded, Page } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import type { Preferences } from '../../lib/api/types';
import { useFeed, useMarkRead, usePreferences, useSavePreferences, useUnreadCount } from './api';
import { NotificationTitle } from './subject-link';

export function NotificationBell() {
  const { t } = useTranslation();
  const { data, refetch } = useUnreadCount(true);
  const { pathname } = useLocation();
  // The badge is read again on every page change, so news shows without a reload.
  useEffect(() => {
    void refetch();
  }, [pathname, refetch]);
  const count = data?.count ?? 0;
  return (
    <Link to="/notifications" className="icon-button" aria-label={t('notifications.bell', { count })}>
      <BellIcon />
      {count > 0 && (
        <span className="badge" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const feed = useFeed();
  const markRead = useMarkRead();
  const items = feed.data?.pages.flatMap((page) => page.items);
  return (
    <Page
      title={t('notifications.title')}
      actions={
        <div className="row">
          <button type="button" className="button secondary" onClick={() => markRead.mutate('all')}>
            {t('notifications.readAll')}
          </button>
          <Link className="button link" to="/notifications/settings">
            {t('notifications.settings')}
          </Link>
        </div>
      }
    >
      <Loaded query={{ ...feed, data: items }}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('notifications.empty')}</Empty>
          ) : (
            <ul className="list">
              {list.map((item) => (
                <li key={item.id} className={`card${item.readAt ? '' : ' unread'}`}>
                  <NotificationTitle item={item} onOpen={() => !item.readAt && markRead.mutate(item.id)} />
                  <p>{item.body}</p>
                  <div className="spread">
                    <span className="meta">{formatDateTime(item.createdAt, i18n.language)}</span>
                    {!item.readAt && (
                      <button type="button" className="button link" onClick={() => markRead.mutate(item.id)}>
                        {t('notifications.markRead')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {feed.hasNextPage && (
        <button type="button" className="button secondary block" onClick={() => void feed.fetchNextPage()}>
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}

export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const preferences = usePreferences();
  const save = useSavePreferences();
  return (
    <Page title={t('notifications.settingsTitle')}>
      <Loaded query={preferences}>
        {(current) => (
          <form
            className="card"
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              const next: Partial<Preferences> = {
                email: data.get('email') === 'on',
                inApp: data.get('inApp') === 'on',
                digest: data.get('digest') as Preferences['digest'],
              };
              if ('sms' in current) next.sms = data.get('sms') === 'on';
              if ('quietHours' in current) next.quietHours = current.quietHours;
              save.mutate(next as Preferences);
            }}
          >
            <FormError error={save.error} fields={['email', 'inApp', 'sms', 'digest']} />
            <Check label={t('notifications.byEmail')} name="email" defaultChecked={current.email} />
            <Check label={t('notifications.inApp')} name="inApp" defaultChecked={current.inApp} />
            {'sms' in current && (
              <Check label={t('notifications.bySms')} name="sms" defaultChecked={current.sms} />
            )}
            <SelectField
              label={t('notifications.digest')}
              name="digest"
              defaultValue={current.digest}
              error={save.error}
            >
              {(['off', 'daily', 'weekly'] as const).map((value) => (
                <option key={value} value={value}>
                  {t(`notifications.digestOptions.${value}`)}
                </option>
              ))}
            </SelectField>
            <button className="button" type="submit" disabled={save.isPending}>
              {t('common.save')}
            </button>
            {save.isSuccess && (
              <p className="banner ok" role="status">
                {t('common.saved')}
              </p>
            )}
          </form>
        )}
      </Loaded>
    </Page>
  );
}
