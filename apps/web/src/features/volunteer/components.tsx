import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { TimeTwice } from '../../components/time';
import { languageName } from '../../lib/format';
import type { MySignup, Task } from '../../lib/api/types';

/** The ranking's reasons, as the API writes them, said in the reader's language. */
export function reasonText(reason: string, t: TFunction, locale: string): string {
  if (reason.startsWith('speaks '))
    return t('reasons.speaks', { language: languageName(reason.slice(7), locale) });
  if (reason === 'fits your availability') return t('reasons.availability');
  if (reason.startsWith('at ')) return t('reasons.camp', { camp: reason.slice(3) });
  if (reason === 'remote') return t('reasons.remote');
  return t('reasons.skill', { skill: reason });
}

export function placesLeft(task: Pick<Task, 'capacity' | 'confirmed' | 'waitlisted'>, t: TFunction): string {
  const left = task.capacity - task.confirmed;
  if (left > 0) return t('task.placesLeft', { count: left });
  return task.waitlisted > 0 ? t('task.fullWaitlist', { count: task.waitlisted }) : t('task.full');
}

export function TaskCard({ task, reasons }: { task: Task; reasons?: string[] }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card">
      <Link to={`/tasks/${task.id}`} className="card-link">
        <h3>{task.title}</h3>
        <p className="meta">
          {task.organizationName} · {task.remote ? t('task.remote') : task.campName} ·{' '}
          {t(`categories.${task.category}`)}
        </p>
        <p>
          <TimeTwice
            startsAt={task.startsAt}
            endsAt={task.endsAt}
            timeZone={task.timezone}
            place={task.campName}
          />
        </p>
        <p>
          <strong>{placesLeft(task, t)}</strong>
        </p>
      </Link>
      {reasons && reasons.length > 0 && (
        <>
          <span className="visually-hidden">{t('home.why')}</span>
          <ul className="chips" aria-label={t('home.why')}>
            {reasons.map((reason) => (
              <li key={reason} className="chip">
                {reasonText(reason, t, i18n.language)}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

export function signupStatusText(
  signup: Pick<MySignup, 'status' | 'waitlistPosition'>,
  t: TFunction,
): string {
  if (signup.status === 'waitlisted' && signup.waitlistPosition)
    return t('signup.waitlistPosition', { count: signup.waitlistPosition, ordinal: true });
  return t(`signup.status.${signup.status}`);
}
