import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loaded, Page, Status } from '../../components/states';
import { TimeTwice } from '../../components/time';
import { formatNumber } from '../../lib/format';
import type { MySignup } from '../../lib/api/types';
import { useCalendarToken, useMySignups } from './api';
import { signupStatusText } from './components';

function ShiftList({ items }: { items: MySignup[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="list">
      {items.map((item) => (
        <li key={item.id} className="card">
          <Link to={`/tasks/${item.task.id}`} className="card-link">
            <h3>{item.task.title}</h3>
          </Link>
          <p className="meta">
            {item.task.organizationName} · {item.task.remote ? t('task.remote') : item.task.campName}
          </p>
          <p>
            <TimeTwice
              startsAt={item.task.startsAt}
              endsAt={item.task.endsAt}
              timeZone={item.task.timezone}
              place={item.task.campName}
            />
          </p>
          <div className="row">
            <Status value={item.status} label={signupStatusText(item, t)} />
            {item.hours !== null && (
              <span>{t('shifts.hours', { hours: formatNumber(item.hours, i18n.language) })}</span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function MyShiftsPage() {
  const { t, i18n } = useTranslation();
  const signups = useMySignups();
  const calendar = useCalendarToken();
  const calendarData = calendar.data as { path?: string } | undefined;
  return (
    <Page title={t('shifts.title')}>
      <Loaded query={signups}>
        {(data) => {
          const now = new Date();
          const upcoming = data.items
            .filter(
              (item) =>
                ['confirmed', 'waitlisted', 'pending'].includes(item.status) &&
                new Date(item.task.endsAt) > now,
            )
            .sort((a, b) => a.task.startsAt.localeCompare(b.task.startsAt));
          const history = data.items.filter((item) => !upcoming.includes(item));
          return (
            <>
              <div className="figures">
                <div className="figure">
                  <strong>{formatNumber(data.totals.hours, i18n.language)}</strong>
                  {t('shifts.totalHours')}
                </div>
                <div className="figure">
                  <strong>{formatNumber(data.totals.attended, i18n.language)}</strong>
                  {t('shifts.attended')}
                </div>
                <div className="figure">
                  <strong>{formatNumber(data.totals.upcoming, i18n.language)}</strong>
                  {t('shifts.upcomingCount')}
                </div>
              </div>
              <h2>{t('shifts.upcoming')}</h2>
              {upcoming.length === 0 ? (
                <Empty>{t('shifts.noneUpcoming')}</Empty>
              ) : (
                <ShiftList items={upcoming} />
              )}
              <h2>{t('shifts.history')}</h2>
              {history.length === 0 ? <Empty>{t('shifts.noHistory')}</Empty> : <ShiftList items={history} />}
            </>
          );
        }}
      </Loaded>
      <section className="card" aria-labelledby="calendar">
        <h2 id="calendar">{t('shifts.calendarTitle')}</h2>
        <p>{t('shifts.calendarIntro')}</p>
        {calendar.error ? <ErrorState error={calendar.error} /> : null}
        {calendarData?.path ? (
          <p>
            <label htmlFor="calendar-url">{t('shifts.calendarLink')}</label>
            <input
              id="calendar-url"
              readOnly
              value={new URL(calendarData.path, location.origin).toString()}
              onFocus={(event) => event.target.select()}
            />
          </p>
        ) : (
          <button
            type="button"
            className="button secondary"
            onClick={() => calendar.mutate()}
            disabled={calendar.isPending}
          >
            {t('shifts.calendarButton')}
          </button>
        )}
      </section>
    </Page>
  );
}
