import { CommonErrors } from '@haven/core';

/** A report's longest span: long enough for a funder's multi-year view, short enough to stay cheap. */
export const MAX_REPORT_YEARS = 5;

/** The days a report covers, both inclusive, as UTC calendar dates (`YYYY-MM-DD`). */
export interface ReportRange {
  from: string;
  to: string;
  /** The first instant covered: `from` at 00:00 UTC. */
  start: Date;
  /** The first instant no longer covered: the day after `to` at 00:00 UTC. */
  end: Date;
}

/** Years from 2000 to 2999: Haven holds nothing older, and nothing later is a real question. */
const DATE = /^(2\d{3})-(\d{2})-(\d{2})$/;

function parseDate(value: string, field: 'from' | 'to'): Date {
  const match = DATE.exec(value);
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
  // Date.UTC rolls 2026-02-30 over to March: a date that does not round-trip is not a calendar date.
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw CommonErrors.validation([
      { field, message: 'must be a calendar date (YYYY-MM-DD) from 2000 on, such as 2026-01-31' },
    ]);
  }
  return date;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
}

/**
 * The range a report covers. Left out, `to` is today (UTC) and `from` the first day of the month
 * eleven months before `to`'s, so the default is the last twelve calendar months, this one included.
 */
export function reportRange(input: { from?: string; to?: string }, now = new Date()): ReportRange {
  const to = input.to === undefined ? new Date(day(now)) : parseDate(input.to, 'to');
  const from =
    input.from === undefined
      ? new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1))
      : parseDate(input.from, 'from');
  if (from > to) throw CommonErrors.validation([{ field: 'from', message: 'must not be after to' }]);
  if (addMonths(from, 12 * MAX_REPORT_YEARS) <= to) {
    throw CommonErrors.validation([
      { field: 'to', message: `must be less than ${MAX_REPORT_YEARS} years after from` },
    ]);
  }
  return { from: day(from), to: day(to), start: from, end: new Date(to.getTime() + 86_400_000) };
}

/** Every month the range touches, as `YYYY-MM`, in order. */
export function monthsOf(range: ReportRange): string[] {
  const months: string[] = [];
  for (
    let month = new Date(Date.UTC(range.start.getUTCFullYear(), range.start.getUTCMonth(), 1));
    month < range.end;
    month = addMonths(month, 1)
  ) {
    months.push(day(month).slice(0, 7));
  }
  return months;
}
