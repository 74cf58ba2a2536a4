import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { Actor, AppConfig, CommonErrors, SuppressionThresholds, TransactionService } from '@haven/core';
import { OrganizationAccess, organizationStatus } from '@haven/organizations';
import { hoursCsv } from './hours-csv';
import { monthsOf, ReportRange, reportRange } from './report-range';
import {
  attendanceRecords,
  layOut,
  MeasuredFigures,
  PlatformReportSummary,
  ReportSummary,
  suppressForOutside,
} from './report-summary';
import { ReportScope, ReportsRepository } from './reports.repository';

export interface RangeInput {
  from?: string;
  to?: string;
}

export interface HoursFile {
  filename: string;
  stream: Readable;
}

/** Reports for an organisation's members and the platform's admins (API.md, Organisations and Admin). */
@Injectable()
export class ReportsService {
  private readonly thresholds: SuppressionThresholds;

  constructor(
    private readonly repository: ReportsRepository,
    private readonly access: OrganizationAccess,
    private readonly transactions: TransactionService,
    config: AppConfig,
  ) {
    this.thresholds = {
      standard: config.SMALL_CELL_THRESHOLD,
      sensitive: config.SMALL_CELL_THRESHOLD_SENSITIVE,
    };
  }

  /** Exact for the organisation's members; small-cell suppressed for admins, to whom it leaves it. */
  async organizationSummary(actor: Actor, organizationId: string, input: RangeInput): Promise<ReportSummary> {
    const range = reportRange(input);
    return this.snapshot(async (manager) => {
      const own = await this.mayRead(actor, organizationId, manager);
      const measured = await this.measure({ organizationId }, range, manager);
      // An organisation's report has no per-organisation breakdown: its total is the one row.
      const summary: Partial<PlatformReportSummary> = this.present(
        measured,
        { ...layOut(measured), byOrganization: [] },
        own,
      );
      delete summary.byOrganization;
      return summary as ReportSummary;
    });
  }

  /** Every organisation's figures together and each organisation's, for admins: all suppressed. */
  platformSummary(input: RangeInput): Promise<PlatformReportSummary> {
    const range = reportRange(input);
    return this.snapshot(async (manager) => {
      const measured = await this.measure({ organizationId: null }, range, manager);
      return this.present(measured, layOut(measured), false);
    });
  }

  /**
   * The organisation's attended sign-ups as CSV, streamed from a database cursor. Access and the
   * range are checked before the first byte, so every refusal is an ordinary problem response.
   */
  async hoursFile(actor: Actor, organizationId: string, input: RangeInput): Promise<HoursFile> {
    const range = reportRange(input);
    await this.transactions.read((manager) => this.mayRead(actor, organizationId, manager));
    const { rows, release } = await this.repository.attendedHours(organizationId, range);
    const stream = hoursCsv(rows, () => void release());
    return { filename: `haven-hours-${range.from}-to-${range.to}.csv`, stream };
  }

  /** Member of the organisation: true; admin: false (the outside view); anyone else: not found. */
  private async mayRead(actor: Actor, organizationId: string, manager: EntityManager): Promise<boolean> {
    if (actor.role === 'admin') {
      if ((await organizationStatus(manager, organizationId)) === null) {
        throw CommonErrors.notFound('organisation');
      }
      return false;
    }
    const membership = await this.access.membershipOf(actor.id, manager);
    if (membership?.organizationId !== organizationId) throw CommonErrors.notFound('organisation');
    return true;
  }

  /** The statements of one report read one snapshot, so its figures agree with each other. */
  private snapshot<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    }, 'REPEATABLE READ');
  }

  private async measure(
    scope: ReportScope,
    range: ReportRange,
    manager: EntityManager,
  ): Promise<MeasuredFigures> {
    const work = await this.repository.work(scope, range, manager);
    const tasks = await this.repository.tasks(scope, range, manager);
    const beneficiaries = await this.repository.beneficiaries(scope, range, manager);
    const needs = await this.repository.needs(scope, range, manager);
    const supplies = await this.repository.supplies(scope, range, manager);
    const keys = (dimension: string) =>
      [...work, ...tasks, ...beneficiaries]
        .filter((row) => row.dimension === dimension && row.key !== null)
        .map((row) => row.key as string);
    const names = await this.repository.names(
      [...new Set(keys('camp'))],
      [...new Set(scope.organizationId ? [] : keys('organization'))],
      manager,
    );
    return {
      from: range.from,
      to: range.to,
      months: monthsOf(range),
      work,
      tasks,
      beneficiaries,
      needs,
      supplies,
      campNames: names.campNames,
      organizationNames: names.organizationNames,
    };
  }

  private present(
    measured: MeasuredFigures,
    exact: PlatformReportSummary,
    own: boolean,
  ): PlatformReportSummary {
    if (own) return exact;
    const total = measured.beneficiaries.find((row) => row.dimension === 'total');
    return suppressForOutside(
      exact,
      { attendanceRecords: attendanceRecords(measured), sensitive: total?.sensitive ?? false },
      this.thresholds,
    );
  }
}
