/** Dates, times and numbers through Intl for the active locale; times shown in the camp's zone. */
const INTL_LOCALE: Record<string, string> = { en: 'en-GB', ar: 'ar', ckb: 'ckb', kmr: 'ku' };

export function intlLocale(locale: string): string {
  return INTL_LOCALE[locale] ?? locale;
}

export function ownTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

export function formatTime(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', timeZone }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(new Date(iso));
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(value);
}

/** The UTC offset of a zone at an instant, in minutes, to tell whether two zones differ then. */
function offsetMinutes(iso: string, timeZone: string): number {
  const date = new Date(iso);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

export function zonesDiffer(iso: string, campZone: string, ownZone = ownTimeZone()): boolean {
  return offsetMinutes(iso, campZone) !== offsetMinutes(iso, ownZone);
}

/** The place name of an IANA zone ("Asia/Baghdad" → "Baghdad"). */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export function weekdayName(weekday: number, locale: string, style: 'short' | 'long' = 'short'): string {
  // 2023-01-01 was a Sunday: weekday 0 as the API counts.
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, 1 + weekday)),
  );
}

export function ordinal(value: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

/** "2026-12-01T09:00" as read on a wall clock in `timeZone` → the ISO instant in UTC. */
export function wallTimeToIso(wall: string, timeZone: string): string {
  const [date, time = '00:00'] = wall.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let instant = guess - offsetMinutes(new Date(guess).toISOString(), timeZone) * 60_000;
  // A second pass settles instants next to a daylight-saving change.
  instant = guess - offsetMinutes(new Date(instant).toISOString(), timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** The ISO instant as a `datetime-local` value on the wall clock of `timeZone`. */
export function isoToWallTime(iso: string, timeZone: string): string {
  const shifted = new Date(new Date(iso).getTime() + offsetMinutes(iso, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
