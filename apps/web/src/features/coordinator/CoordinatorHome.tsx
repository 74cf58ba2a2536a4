import { Link } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Empty, Loaded } from '../../components/states';
import { TimeTwice } from '../../components/time';
import { api, unwrap, type Page as ApiPage } from '../../lib/api/client';
import type { TaskSignup } from '../../lib/api/types';
import { useMe } from '../../lib/auth';
import { useOrgTasks } from './api';
import { NotApproved } from './NeedsPage';

function startOfToday() {
  const date = new Date();
  date.setHours(0, 0, 0, 0);
  return date;
}

export function CoordinatorHome() {
  const { t } = useTranslation();
  const me = useMe();
  const organization = me.organization;
  if (!organization || organization.status !== 'approved') {
    return (
      <>
        <h1>{t('home.hello', { name: me.displayName })}</h1>
        <NotApproved />
      </>
    );
  }
  return <Approved organizationId={organization.id} name={me.displayName} />;
}

function Approved({ organizationId, name }: { organizationId: string; name: string }) {
  const { t } = useTranslation();
  const today = startOfToday();
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const upcoming = useOrgTasks({ organizationId, from: today.toISOString() });
  const reviewTasks = (upcoming.data?.items ?? [])
    .filter((task) => task.signupMode === 'review')
    .slice(0, 20);
  const reviewQueries = useQueries({
    queries: reviewTasks.map((task) => ({
      queryKey: ['task', task.id, 'signups'],
      queryFn: () =>
        unwrap<ApiPage<TaskSignup>>(
          api.GET('/api/v1/tasks/{id}/signups', {
            params: { path: { id: task.id }, query: { limit: 100 } as never },
          }),
        ),
    })),
  });
  const waiting = reviewTasks
    .map((task, index) => ({
      task,
      count: (reviewQueries[index]?.data?.items ?? []).filter((signup) => signup.status === 'pending').length,
    }))
    .filter((entry) => entry.count > 0);
  return (
    <>
      <h1>{t('home.hello', { name })}</h1>
      <section aria-labelledby="review">
        <h2 id="review">{t('coord.reviewQueue')}</h2>
        {waiting.length === 0 ? (
          <Empty>{t('coord.nothingToReview')}</Empty>
        ) : (
          <ul className="list">
            {waiting.map(({ task, count }) => (
              <li key={task.id} className="card">
                <Link to={`/org/tasks/${task.id}`} className="card-link">
                  <h3>{task.title}</h3>
                  <p>{t('coord.waitingReview', { count })}</p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="today">
        <h2 id="today">{t('coord.today')}</h2>
        <Loaded query={upcoming}>
          {(data) => {
            const todays = data.items.filter((task) => new Date(task.startsAt) < tomorrow);
            return todays.length === 0 ? (
              <Empty>{t('coord.nothingToday')}</Empty>
            ) : (
              <ul className="list">
                {todays.map((task) => (
                  <li key={task.id} className="card">
                    <h3>{task.title}</h3>
                    <p>
                      <TimeTwice
                        startsAt={task.startsAt}
                        endsAt={task.endsAt}
                        timeZone={task.timezone}
                        place={task.campName}
                      />
                    </p>
                    <Link className="button" to={`/org/tasks/${task.id}`}>
                      {t('coord.takeAttendance')}
                    </Link>
                  </li>
                ))}
              </ul>
            );
          }}
        </Loaded>
        <p>
          <Link className="button secondary" to="/org/needs/new">
            {t('coord.postNeed')}
          </Link>
        </p>
      </section>
    </>
  );
}
