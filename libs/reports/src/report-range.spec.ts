import { DomainError } from '@haven/core';
import { monthsOf, reportRange } from './report-range';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(400);
    return (error as DomainError).errors?.[0]?.field;
  }
  throw new Error('expected a validation error');
};

describe('report ranges', () => {
  const now = new Date('2026-11-30T10:00:00Z');

  it('defaults to the last twelve calendar months, this one included', () => {
    const range = reportRange({}, now);
    expect(range).toMatchObject({ from: '2025-12-01', to: '2026-11-30' });
    expect(range.start.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(monthsOf(range)).toHaveLength(12);
  });

  it('defaults from to eleven months before a given to, across a year boundary', () => {
    expect(reportRange({ to: '2026-03-15' }, now)).toMatchObject({ from: '2025-04-01', to: '2026-03-15' });
  });

  it('covers both days whole: the end is the start of the day after to', () => {
    const range = reportRange({ from: '2024-02-28', to: '2024-02-29' }, now);
    expect(range.end.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(monthsOf(range)).toEqual(['2024-02']);
  });

  it('lists every month touched', () => {
    expect(monthsOf(reportRange({ from: '2025-11-30', to: '2026-02-01' }, now))).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it.each([
    [{ from: '2025-02-29', to: '2025-03-01' }, 'from'],
    [{ from: '2025-13-01' }, 'from'],
    [{ to: '2025-1-1' }, 'to'],
    [{ from: '1999-12-31', to: '2000-01-01' }, 'from'],
    [{ from: '2025-03-02', to: '2025-03-01' }, 'from'],
    [{ from: '2020-01-01', to: '2025-01-01' }, 'to'],
  ])('refuses %p, naming %s', (input, field) => {
    expect(fieldOf(() => reportRange(input, now))).toBe(field);
  });

  it('accepts a range one day short of five years', () => {
    expect(reportRange({ from: '2020-01-02', to: '2025-01-01' }, now).to).toBe('2025-01-01');
  });
});
