export interface QuietHours {
  from: string;
  to: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a text may go: null for now, or the end of the recipient's quiet hours when `now` falls
 * inside them (in `timezone`, the camp's). A task that starts before they end is not held back:
 * a reminder after the start would be no use.
 */
export function holdUntil(
  quiet: QuietHours | null,
  timezone: string,
  now: Date,
  startsAt: Date | null,
): Date | null {
  if (!quiet) return null;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const current = Number(parts.hour) * 60 + Number(parts.minute);
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  const inside = from < to ? current >= from && current < to : from > to && (current >= from || current < to);
  if (!inside) return null;
  const wait = (to - current + 1440) % 1440;
  const until = new Date(now.getTime() + wait * 60_000 - (now.getTime() % 60_000));
  if (startsAt && startsAt.getTime() <= until.getTime()) return null;
  return until;
}
