import { Link } from 'react-router';
import { useAuth } from '../../lib/auth';
import type { Notification, Role } from '../../lib/api/types';

/** The page of a notification's subject for this role, or null when the role has none for it. */
export function subjectPath(subject: Notification['subject'], role: Role | undefined): string | null {
  if (!subject) return null;
  if (role === 'coordinator') {
    if (subject.type === 'task') return `/org/tasks/${subject.id}`;
    if (subject.type === 'need') return `/org/needs/${subject.id}`;
    return '/organization';
  }
  if (subject.type === 'task') return `/tasks/${subject.id}`;
  if (subject.type === 'need') return `/needs/${subject.id}`;
  return role === 'admin' ? '/admin/organizations' : null;
}

/** A notification's title, a link to what it is about when there is a page for it; following it marks it read. */
export function NotificationTitle({ item, onOpen }: { item: Notification; onOpen: () => void }) {
  const { me } = useAuth();
  const to = subjectPath(item.subject, me?.role);
  // A notification is written in the language its reader had when it was sent, which may not be
  // the page's: its own direction keeps an English title readable on an Arabic page.
  return (
    <h2 dir="auto">
      {to ? (
        <Link to={to} onClick={onOpen}>
          {item.title}
        </Link>
      ) : (
        item.title
      )}
    </h2>
  );
}
