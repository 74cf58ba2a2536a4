import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, Loaded } from '../../components/states';
import { TimeTwice } from '../../components/time';
import { useMe } from '../../lib/auth';
import { useMySignups, useRecommended } from './api';
import { signupStatusText, TaskCard } from './components';

export function VolunteerHome() {
  const { t } = useTranslation();
  const me = useMe();
  const signups = useMySignups();
  const recommended = useRecommended();
  return (
    <>
      <h1>{t('home.hello', { name: me.displayName })}</h1>
      <section aria-labelledby="next-shift">
        <h2 id="next-shift">{t('home.nextShift')}</h2>
        <Loaded query={signups} skeletons={1}>
          {(data) => {
            const next = data.items
              .filter(
                (item) =>
                  ['confirmed', 'waitlisted', 'pending'].includes(item.status) &&
                  new Date(item.task.endsAt) > new Date(),
              )
              .sort((a, b) => a.task.startsAt.localeCompare(b.task.startsAt))[0];
            return next ? (
              <div className="card">
                <Link to={`/tasks/${next.task.id}`} className="card-link">
                  <h3>{next.task.title}</h3>
                  <p className="meta">
                    {next.task.organizationName} · {next.task.campName}
                  </p>
                  <p>
                    <TimeTwice
                      startsAt={next.task.startsAt}
                      endsAt={next.task.endsAt}
                      timeZone={next.task.timezone}
                      place={next.task.campName}
                    />
                  </p>
                  <span className={`status ${next.status}`}>{signupStatusText(next, t)}</span>
                </Link>
              </div>
            ) : (
              <div className="card">
                <p>{t('home.noShift')}</p>
                <Link className="button" to="/tasks">
                  {t('home.findTask')}
                </Link>
              </div>
            );
          }}
        </Loaded>
      </section>
      <section aria-labelledby="recommended">
        <h2 id="recommended">{t('home.recommended')}</h2>
        <Loaded query={recommended}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty>
                {t('home.noRecommended')} <Link to="/profile">{t('home.completeProfile')}</Link>
              </Empty>
            ) : (
              <ul className="list">
                {data.items.map((task) => (
                  <TaskCard key={task.id} task={task} reasons={task.reasons} />
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
