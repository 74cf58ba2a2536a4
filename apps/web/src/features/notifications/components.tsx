import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BellIcon } from '../../components/icons';
import { Empty, Loaded, Page } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/auth';
import { useFeed, useMarkRead, usePreferences, useSavePreferences, useUnreadCount } from './api';
import { PhoneSection } from './PhoneSection';
import { PreferencesForm } from './PreferencesForm';
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
                  <p dir="auto">{item.body}</p>
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
  const me = useMe();
  const preferences = usePreferences();
  const save = useSavePreferences();
  const { reset } = save;
  const phoneState = me.phone?.verified ?? 'none';
  // A changed phone changes the form (texts may be off now): an earlier "Saved." no longer applies.
  useEffect(() => reset(), [phoneState, reset]);
  // Texts and phones are for volunteers: reminders, promotions and changes reach them by SMS.
  const volunteer = me.role === 'volunteer';
  return (
    <Page title={t('notifications.settingsTitle')}>
      {volunteer && <PhoneSection />}
      <Loaded query={preferences}>
        {(current) => (
          <PreferencesForm
            // A new phone state (verified, removed) may change what the server switched off.
            key={`${JSON.stringify(current)}:${phoneState}`}
            current={current}
            showSms={volunteer}
            phoneVerified={me.phone?.verified === true}
            save={save}
          />
        )}
      </Loaded>
    </Page>
  );
}
