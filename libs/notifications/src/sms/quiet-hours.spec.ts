import { holdUntil } from './quiet-hours';

describe('quiet hours', () => {
  const night = { from: '22:00', to: '07:00' };
  // 23:30 in Baghdad (UTC+3) is 20:30 UTC.
  const lateEvening = new Date('2026-12-01T20:30:00Z');

  it('hold a text until they end, in the camp time zone', () => {
    expect(holdUntil(night, 'Asia/Baghdad', lateEvening, new Date('2026-12-03T06:00:00Z'))).toEqual(
      new Date('2026-12-02T04:00:00Z'),
    );
  });

  it('let a text go outside them, or without them', () => {
    expect(holdUntil(night, 'Asia/Baghdad', new Date('2026-12-01T12:00:00Z'), null)).toBeNull();
    expect(holdUntil(null, 'Asia/Baghdad', lateEvening, null)).toBeNull();
    expect(
      holdUntil({ from: '09:00', to: '12:00' }, 'UTC', new Date('2026-12-01T12:00:00Z'), null),
    ).toBeNull();
    expect(holdUntil({ from: '09:00', to: '12:00' }, 'UTC', new Date('2026-12-01T11:59:00Z'), null)).toEqual(
      new Date('2026-12-01T12:00:00Z'),
    );
  });

  it('do not hold back a text about a task that starts before they end', () => {
    expect(holdUntil(night, 'Asia/Baghdad', lateEvening, new Date('2026-12-02T03:00:00Z'))).toBeNull();
  });
});
