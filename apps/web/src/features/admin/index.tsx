import { Route, Routes } from 'react-router';
import { AdminHome } from './AdminHome';
import { AuditPage } from './AuditPage';
import { CampsPage } from './CampsPage';
import { OrganizationsPage } from './OrganizationsPage';
import { PlatformReportPage } from './PlatformReportPage';
import { UsersPage } from './UsersPage';

/** The admin pages: their own chunk, loaded only when an admin opens one. */
export default function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<AdminHome />} />
      <Route path="organizations" element={<OrganizationsPage />} />
      <Route path="camps" element={<CampsPage />} />
      <Route path="users" element={<UsersPage />} />
      <Route path="audit" element={<AuditPage />} />
      <Route path="report" element={<PlatformReportPage />} />
    </Routes>
  );
}
