export { BrowseTasksPage } from './BrowsePage';
export { VolunteerHome } from './HomePage';
export { MyPledgesPage, NeedPage } from './NeedPage';
export { MyShiftsPage } from './MyShiftsPage';
export { ProfilePage } from './ProfilePage';
export { TaskPage } from './TaskPage';
