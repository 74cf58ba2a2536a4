import { lazy } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Skeletons } from '../components/states';
import { useAuth } from '../lib/auth';
import type { Role } from '../lib/api/types';
import {
  ForgotPasswordPage,
  RegisterPage,
  ResetPasswordPage,
  SignInPage,
  VerifyEmailPage,
} from '../features/auth';
import { AccountPage } from '../features/account';
import { NotificationsPage, NotificationSettingsPage } from '../features/notifications';
import {
  BrowseTasksPage,
  MyPledgesPage,
  MyShiftsPage,
  NeedPage,
  ProfilePage,
  TaskPage,
  VolunteerHome,
} from '../features/volunteer';
import {
  ClearancesPage,
  CoordinatorHome,
  NeedEditPage,
  NeedsPage,
  OrganizationPage,
  TaskManagePage,
} from '../features/coordinator';
import { Layout } from './Layout';

// Admin pages and reports (with their charts) load only when opened.
const AdminRoutes = lazy(() => import('../features/admin'));
const OrganizationReportsPage = lazy(() => import('../features/reports'));

function RequireAuth() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Skeletons />;
  if (status === 'signedOut')
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

function RequireRole({ role }: { role: Role }) {
  const { me } = useAuth();
  const { t } = useTranslation();
  if (me?.role !== role) return <p className="banner error">{t('errors.forbidden')}</p>;
  return <Outlet />;
}

function HomeByRole() {
  const { me } = useAuth();
  if (me?.role === 'coordinator') return <CoordinatorHome />;
  if (me?.role === 'admin') return <Navigate to="/admin" replace />;
  return <VolunteerHome />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('errors.pageNotFound')}</h1>
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomeByRole />} />
          <Route path="tasks" element={<BrowseTasksPage />} />
          <Route path="tasks/:id" element={<TaskPage />} />
          <Route path="needs/:id" element={<NeedPage />} />
          <Route path="my-shifts" element={<MyShiftsPage />} />
          <Route path="my-pledges" element={<MyPledgesPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="notifications/settings" element={<NotificationSettingsPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route element={<RequireRole role="coordinator" />}>
            <Route path="organization" element={<OrganizationPage />} />
            <Route path="org/needs" element={<NeedsPage />} />
            <Route path="org/needs/new" element={<NeedEditPage />} />
            <Route path="org/needs/:id" element={<NeedEditPage />} />
            <Route path="org/tasks/:id" element={<TaskManagePage />} />
            <Route path="org/clearances" element={<ClearancesPage />} />
            <Route path="org/reports" element={<OrganizationReportsPage />} />
          </Route>
          <Route element={<RequireRole role="admin" />}>
            <Route path="admin/*" element={<AdminRoutes />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
