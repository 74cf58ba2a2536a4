import { Suspense } from 'react';
import { useMutation } from '@tanstack/react-query';
import { NavLink, Outlet, Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { HomeIcon } from '../components/icons';
import { Skeletons } from '../components/states';
import { api, unwrap } from '../lib/api/client';
import { useAuth } from '../lib/auth';
import { useOnline } from '../lib/online';
import { usePendingChanges } from '../lib/use-outbox';
import { NotificationBell } from '../features/notifications';
import { LocaleSwitch } from '../components/locale-switch';
import type { Role } from '../lib/api/types';

const NAV: Record<Role, { to: string; key: string }[]> = {
  volunteer: [
    { to: '/', key: 'nav.home' },
    { to: '/tasks', key: 'nav.browse' },
    { to: '/my-shifts', key: 'nav.myShifts' },
    { to: '/my-pledges', key: 'nav.pledges' },
    { to: '/profile', key: 'nav.profile' },
    { to: '/account', key: 'nav.account' },
  ],
  coordinator: [
    { to: '/', key: 'nav.home' },
    { to: '/org/needs', key: 'nav.needs' },
    { to: '/org/clearances', key: 'nav.clearances' },
    { to: '/org/reports', key: 'nav.reports' },
    { to: '/organization', key: 'nav.organization' },
    { to: '/account', key: 'nav.account' },
  ],
  admin: [
    { to: '/', key: 'nav.home' },
    { to: '/admin/organizations', key: 'nav.organizations' },
    { to: '/admin/camps', key: 'nav.camps' },
    { to: '/admin/users', key: 'nav.users' },
    { to: '/admin/audit', key: 'nav.audit' },
    { to: '/admin/report', key: 'nav.platformReport' },
    { to: '/account', key: 'nav.account' },
  ],
};

/** An account that has not followed its verification link can browse but not sign up or post. */
function VerifyBanner() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const resend = useMutation({
    mutationFn: () => unwrap<void>(api.POST('/api/v1/auth/verify-email/resend')),
  });
  if (!me || me.emailVerified !== false) return null;
  return (
    <div className="banner pending" role="status">
      <span>{t('account.unverified')}</span>
      {resend.isSuccess ? (
        <span>{t('account.resent')}</span>
      ) : (
        <button
          type="button"
          className="button secondary"
          onClick={() => resend.mutate()}
          disabled={resend.isPending}
        >
          {t('account.resend')}
        </button>
      )}
    </div>
  );
}

function PendingBanner() {
  const { t } = useTranslation();
  const { pending, failed } = usePendingChanges();
  const online = useOnline();
  return (
    <>
      {!online && (
        <div className="banner offline" role="status">
          {t('offline.banner')}
        </div>
      )}
      {pending.length > 0 && (
        <div className="banner pending" role="status">
          {t('offline.pending', { count: pending.length })}
        </div>
      )}
      {failed.map((change) => (
        <div key={change.id} className="banner error" role="alert">
          {t('offline.failed', { label: change.label })}
        </div>
      ))}
    </>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { me, status } = useAuth();
  const location = useLocation();
  const wide = /^\/(admin|org\/reports|org\/tasks)/.test(location.pathname);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            <HomeIcon />
            <span>Haven</span>
          </Link>
          {status === 'signedIn' && <NotificationBell />}
          <LocaleSwitch />
        </div>
      </header>
      {me && (
        <nav className="nav" aria-label={t('nav.label')}>
          <ul>
            {NAV[me.role].map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" className={wide ? 'wide' : undefined} tabIndex={-1}>
        <VerifyBanner />
        <PendingBanner />
        <Suspense fallback={<Skeletons />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
