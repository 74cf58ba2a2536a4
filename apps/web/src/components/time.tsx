import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTime, ownTimeZone, zoneCity, zonesDiffer } from '../lib/format';

/** A task's time in the camp's zone, and the reader's own beside it when they differ. */
export function TimeTwice({
  startsAt,
  endsAt,
  timeZone,
  place,
}: {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** Where the time is read: the camp's name (its zone's city when not given). */
  place?: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const there = `${formatDateTime(startsAt, locale, timeZone)}–${formatTime(endsAt, locale, timeZone)}`;
  const differ = zonesDiffer(startsAt, timeZone);
  return (
    <span>
      <time dateTime={startsAt}>
        {t('time.inPlace', { time: there, place: place ?? zoneCity(timeZone) })}
      </time>
      {differ && (
        <span className="meta">
          {' · '}
          {t('time.yours', { time: formatDateTime(startsAt, locale, ownTimeZone()) })}
        </span>
      )}
    </span>
  );
}
