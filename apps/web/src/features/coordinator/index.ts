export { ClearancesPage } from './ClearancesPage';
export { CoordinatorHome } from './CoordinatorHome';
export { NeedEditPage } from './NeedEditPage';
export { NeedsPage } from './NeedsPage';
export { OrganizationPage } from './OrganizationPage';
export { TaskManagePage } from './TaskManagePage';
