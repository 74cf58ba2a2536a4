import { SuppressedCount, suppressCells, suppressCount, SuppressionThresholds } from '@haven/core';
import type { BeneficiaryFigures, TaskFigures, WorkFigures } from './reports.repository';

/**
 * Which figures are about people, and so are small-cell suppressed when they leave the organisation:
 * - `volunteers` (and per month, per organisation): how many distinct people attended;
 * - `beneficiariesReached` (and per camp, per organisation): how many people the work served;
 * - `noShowRate`, which on a handful of attendance records tells what a known few people did.
 * Activity figures are not: hours worked, tasks, needs and supplies count work done, not people.
 */
export type NoShowRate = number | null | 'suppressed';

export interface MonthFigures {
  month: string;
  volunteerHours: number;
  tasksCompleted: number;
  volunteers: SuppressedCount;
}

export interface CampFigures {
  campId: string;
  campName: string;
  volunteerHours: number;
  tasksCompleted: number;
  beneficiariesReached: SuppressedCount;
}

export interface OrganizationFigures {
  organizationId: string;
  organizationName: string;
  volunteerHours: number;
  tasksCompleted: number;
  volunteers: SuppressedCount;
  beneficiariesReached: SuppressedCount;
}

export interface ReportSummary {
  from: string;
  to: string;
  needs: { open: number; filled: number; closed: number; cancelled: number };
  tasks: { completed: number; cancelled: number };
  volunteerHours: number;
  volunteers: SuppressedCount;
  noShowRate: NoShowRate;
  suppliesDelivered: { unit: string; quantity: number }[];
  beneficiariesReached: SuppressedCount;
  byMonth: MonthFigures[];
  byCamp: CampFigures[];
}

export interface PlatformReportSummary extends ReportSummary {
  byOrganization: OrganizationFigures[];
}

/** What the repository measured, aggregated by SQL, ready to be laid out. */
export interface MeasuredFigures {
  from: string;
  to: string;
  months: string[];
  work: WorkFigures[];
  tasks: TaskFigures[];
  beneficiaries: BeneficiaryFigures[];
  needs: { status: string; count: number }[];
  supplies: { unit: string; quantity: number }[];
  campNames: Map<string, string>;
  organizationNames: Map<string, string>;
}

function pick<T extends { dimension: string; key: string | null }>(rows: T[], dimension: string) {
  return new Map(rows.filter((row) => row.dimension === dimension).map((row) => [row.key ?? '', row]));
}

const byName =
  <T>(name: (row: T) => string, id: (row: T) => string) =>
  (a: T, b: T) =>
    name(a).localeCompare(name(b)) || id(a).localeCompare(id(b));

/** The exact figures, as an organisation's own members see them. */
export function layOut(measured: MeasuredFigures): PlatformReportSummary {
  const work = (dimension: string) => pick(measured.work, dimension);
  const tasks = (dimension: string) => pick(measured.tasks, dimension);
  const reached = (dimension: string) => pick(measured.beneficiaries, dimension);
  const [totalWork, totalTasks, totalReached] = [
    work('total').get(''),
    tasks('total').get(''),
    reached('total').get(''),
  ];
  const attendanceRecords = (totalWork?.attended ?? 0) + (totalWork?.noShows ?? 0);
  const needs = Object.fromEntries(measured.needs.map((row) => [row.status, row.count]));

  const [monthWork, monthTasks] = [work('month'), tasks('month')];
  const [campWork, campTasks, campReached] = [work('camp'), tasks('camp'), reached('camp')];
  const [orgWork, orgTasks, orgReached] = [
    work('organization'),
    tasks('organization'),
    reached('organization'),
  ];
  const campIds = new Set([...campWork.keys(), ...campTasks.keys(), ...campReached.keys()]);
  const organizationIds = new Set([...orgWork.keys(), ...orgTasks.keys(), ...orgReached.keys()]);

  return {
    from: measured.from,
    to: measured.to,
    needs: {
      open: needs.open ?? 0,
      filled: needs.filled ?? 0,
      closed: needs.closed ?? 0,
      cancelled: needs.cancelled ?? 0,
    },
    tasks: { completed: totalTasks?.completed ?? 0, cancelled: totalTasks?.cancelled ?? 0 },
    volunteerHours: totalWork?.volunteerHours ?? 0,
    volunteers: totalWork?.volunteers ?? 0,
    noShowRate:
      attendanceRecords === 0
        ? null
        : Math.round(((totalWork?.noShows ?? 0) / attendanceRecords) * 10_000) / 10_000,
    suppliesDelivered: measured.supplies,
    beneficiariesReached: totalReached?.beneficiaries ?? 0,
    byMonth: measured.months.map((month) => ({
      month,
      volunteerHours: monthWork.get(month)?.volunteerHours ?? 0,
      tasksCompleted: monthTasks.get(month)?.completed ?? 0,
      volunteers: monthWork.get(month)?.volunteers ?? 0,
    })),
    byCamp: [...campIds]
      .map((campId) => ({
        campId,
        campName: measured.campNames.get(campId) ?? '',
        volunteerHours: campWork.get(campId)?.volunteerHours ?? 0,
        tasksCompleted: campTasks.get(campId)?.completed ?? 0,
        beneficiariesReached: campReached.get(campId)?.beneficiaries ?? 0,
      }))
      .sort(
        byName(
          (row) => row.campName,
          (row) => row.campId,
        ),
      ),
    byOrganization: [...organizationIds]
      .map((organizationId) => ({
        organizationId,
        organizationName: measured.organizationNames.get(organizationId) ?? '',
        volunteerHours: orgWork.get(organizationId)?.volunteerHours ?? 0,
        tasksCompleted: orgTasks.get(organizationId)?.completed ?? 0,
        volunteers: orgWork.get(organizationId)?.volunteers ?? 0,
        beneficiariesReached: orgReached.get(organizationId)?.beneficiaries ?? 0,
      }))
      .sort(
        byName(
          (row) => row.organizationName,
          (row) => row.organizationId,
        ),
      ),
  };
}

/** How many attendance records the no-show rate rests on; kept beside the summary for suppression. */
export function attendanceRecords(measured: MeasuredFigures): number {
  const total = measured.work.find((row) => row.dimension === 'total');
  return (total?.attended ?? 0) + (total?.noShows ?? 0);
}

/**
 * Suppresses a breakdown's people counts with `suppressCells` (primary and secondary suppression)
 * and writes them back; answers whether the breakdown hid a cell, in which case its total must go too.
 */
function suppressColumn<R, K extends keyof R>(
  rows: R[],
  id: (row: R) => string,
  column: K,
  threshold: number,
): boolean {
  const { cells, total } = suppressCells(
    Object.fromEntries(rows.map((row) => [id(row), row[column] as unknown as number])),
    threshold,
  );
  for (const row of rows) row[column] = cells[id(row)] as R[K];
  return total === 'suppressed';
}

/**
 * The figures as they may leave the organisation (an admin's view): every people count below the
 * threshold shows as `"<N"`, and a total shown beside a breakdown with a hidden cell shows as
 * `"suppressed"`, so no hidden cell can be worked out by subtraction. Volunteers are counted once
 * however many months or organisations they worked in, so their total is not the sum of the cells;
 * it is still hidden beside a hidden cell, since the difference would bound it. Beneficiaries use
 * the stricter threshold when a health or psychosocial need is among those counted.
 */
export function suppressForOutside(
  exact: PlatformReportSummary,
  context: { attendanceRecords: number; sensitive: boolean },
  thresholds: SuppressionThresholds,
): PlatformReportSummary {
  const summary: PlatformReportSummary = structuredClone(exact);
  const people = thresholds.standard;
  const beneficiaryThreshold = context.sensitive ? thresholds.sensitive : thresholds.standard;

  const volunteerCellHidden = [
    suppressColumn(summary.byMonth, (row) => row.month, 'volunteers', people),
    suppressColumn(summary.byOrganization, (row) => row.organizationId, 'volunteers', people),
  ].some(Boolean);
  summary.volunteers = volunteerCellHidden ? 'suppressed' : suppressCount(exact.volunteers as number, people);

  const beneficiaryCellHidden = [
    suppressColumn(summary.byCamp, (row) => row.campId, 'beneficiariesReached', beneficiaryThreshold),
    suppressColumn(
      summary.byOrganization,
      (row) => row.organizationId,
      'beneficiariesReached',
      beneficiaryThreshold,
    ),
  ].some(Boolean);
  summary.beneficiariesReached = beneficiaryCellHidden
    ? 'suppressed'
    : suppressCount(exact.beneficiariesReached as number, beneficiaryThreshold);

  if (context.attendanceRecords > 0 && context.attendanceRecords < people) summary.noShowRate = 'suppressed';
  return summary;
}
