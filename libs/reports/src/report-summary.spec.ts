import { PlatformReportSummary, suppressForOutside } from './report-summary';

const thresholds = { standard: 5, sensitive: 10 };

function summary(overrides: Partial<PlatformReportSummary> = {}): PlatformReportSummary {
  return {
    from: '2025-01-01',
    to: '2025-02-28',
    needs: { open: 1, filled: 0, closed: 0, cancelled: 0 },
    tasks: { completed: 2, cancelled: 0 },
    volunteerHours: 12,
    volunteers: 9,
    noShowRate: 0.1,
    suppliesDelivered: [],
    beneficiariesReached: 60,
    byMonth: [
      { month: '2025-01', volunteerHours: 6, tasksCompleted: 1, volunteers: 6 },
      { month: '2025-02', volunteerHours: 6, tasksCompleted: 1, volunteers: 7 },
    ],
    byCamp: [
      { campId: 'a', campName: 'A', volunteerHours: 6, tasksCompleted: 1, beneficiariesReached: 20 },
      { campId: 'b', campName: 'B', volunteerHours: 6, tasksCompleted: 1, beneficiariesReached: 40 },
    ],
    byOrganization: [],
    ...overrides,
  };
}

describe('reports leaving the organisation', () => {
  const context = { attendanceRecords: 10, sensitive: false };

  it('shows every figure and total when no cell is small', () => {
    expect(suppressForOutside(summary(), context, thresholds)).toEqual(summary());
  });

  it('hides a small month and the volunteer total beside it, not the activity figures', () => {
    const exact = summary({
      byMonth: [
        { month: '2025-01', volunteerHours: 6, tasksCompleted: 1, volunteers: 2 },
        { month: '2025-02', volunteerHours: 6, tasksCompleted: 1, volunteers: 7 },
      ],
    });
    const shown = suppressForOutside(exact, context, thresholds);
    expect(shown.byMonth.map((row) => row.volunteers)).toEqual(['<5', 7]);
    expect(shown.volunteers).toBe('suppressed');
    expect(shown.byMonth.map((row) => row.volunteerHours)).toEqual([6, 6]);
    expect(exact.byMonth[0].volunteers).toBe(2);
  });

  it('hides a small camp and the beneficiary total, at the stricter threshold for sensitive needs', () => {
    const shown = suppressForOutside(summary(), { ...context, sensitive: true }, thresholds);
    expect(shown.byCamp.map((row) => row.beneficiariesReached)).toEqual([20, 40]);
    const small = summary({
      beneficiariesReached: 49,
      byCamp: [
        { campId: 'a', campName: 'A', volunteerHours: 6, tasksCompleted: 1, beneficiariesReached: 9 },
        { campId: 'b', campName: 'B', volunteerHours: 6, tasksCompleted: 1, beneficiariesReached: 40 },
      ],
    });
    expect(suppressForOutside(small, context, thresholds).beneficiariesReached).toBe(49);
    const hidden = suppressForOutside(small, { ...context, sensitive: true }, thresholds);
    expect(hidden.byCamp.map((row) => row.beneficiariesReached)).toEqual(['<10', 40]);
    expect(hidden.beneficiariesReached).toBe('suppressed');
  });

  it('hides a total when an organisation’s cell is small, even if no month or camp is', () => {
    const exact = summary({
      byOrganization: [
        {
          organizationId: 'x',
          organizationName: 'X',
          volunteerHours: 1,
          tasksCompleted: 1,
          volunteers: 1,
          beneficiariesReached: 3,
        },
        {
          organizationId: 'y',
          organizationName: 'Y',
          volunteerHours: 11,
          tasksCompleted: 1,
          volunteers: 8,
          beneficiariesReached: 57,
        },
      ],
    });
    const shown = suppressForOutside(exact, context, thresholds);
    expect(shown.byOrganization.map((row) => [row.volunteers, row.beneficiariesReached])).toEqual([
      ['<5', '<5'],
      [8, 57],
    ]);
    expect(shown).toMatchObject({ volunteers: 'suppressed', beneficiariesReached: 'suppressed' });
  });

  it('hides the no-show rate of fewer attendance records than the threshold, and keeps null', () => {
    expect(suppressForOutside(summary(), { ...context, attendanceRecords: 4 }, thresholds).noShowRate).toBe(
      'suppressed',
    );
    expect(suppressForOutside(summary(), { ...context, attendanceRecords: 5 }, thresholds).noShowRate).toBe(
      0.1,
    );
    const none = summary({ noShowRate: null });
    expect(suppressForOutside(none, { ...context, attendanceRecords: 0 }, thresholds).noShowRate).toBeNull();
  });
});
