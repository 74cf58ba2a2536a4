export { NotificationBell, NotificationSettingsPage, NotificationsPage } from './components';
