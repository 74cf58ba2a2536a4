import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './form';
import { BarChart } from './charts';
import { formatNumber, intlLocale } from '../lib/format';
import type { ReportSummary } from '../lib/api/types';

const figure = (value: number | string | null, locale: string) =>
  typeof value === 'number' ? formatNumber(value, locale) : (value ?? '—');

export function monthLabel(month: string, locale: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, (number || 1) - 1, 1)));
}

/** The figures and charts of a report summary, for an organisation or the whole platform. */
export function ReportView({ report }: { report: ReportSummary }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const numeric = (value: number | string) => (typeof value === 'number' ? value : 0);
  return (
    <>
      <div className="figures">
        <div className="figure">
          <strong>{figure(report.volunteerHours, locale)}</strong>
          {t('reports.hours')}
        </div>
        <div className="figure">
          <strong>{figure(report.volunteers, locale)}</strong>
          {t('reports.volunteers')}
        </div>
        <div className="figure">
          <strong>{figure(report.tasks.completed, locale)}</strong>
          {t('reports.tasksCompleted')}
        </div>
        <div className="figure">
          <strong>
            {report.noShowRate === null ? '—' : `${formatNumber(report.noShowRate * 100, locale)}%`}
          </strong>
          {t('reports.noShowRate')}
        </div>
        <div className="figure">
          <strong>{figure(report.beneficiariesReached, locale)}</strong>
          {t('reports.beneficiaries')}
        </div>
      </div>
      <BarChart
        title={t('reports.hoursByMonth')}
        bars={report.byMonth.map((row) => ({
          label: monthLabel(row.month, locale),
          value: row.volunteerHours,
        }))}
      />
      <BarChart
        title={t('reports.needsByStatus')}
        bars={(['open', 'filled', 'closed', 'cancelled'] as const).map((status) => ({
          label: t(`needStatus.${status}`),
          value: report.needs[status],
        }))}
      />
      {report.byCamp.length > 0 && (
        <BarChart
          title={t('reports.hoursByCamp')}
          bars={report.byCamp.map((row) => ({ label: row.campName, value: numeric(row.volunteerHours) }))}
        />
      )}
      {report.byOrganization && report.byOrganization.length > 0 && (
        <BarChart
          title={t('reports.hoursByOrganization')}
          bars={report.byOrganization.map((row) => ({
            label: row.organizationName,
            value: numeric(row.volunteerHours),
          }))}
        />
      )}
      {report.suppliesDelivered.length > 0 && (
        <section className="card">
          <h3>{t('reports.supplies')}</h3>
          <ul>
            {report.suppliesDelivered.map((row) => (
              <li key={row.unit}>
                {formatNumber(row.quantity, locale)} {row.unit}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function useRange() {
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 365 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  return { from, to, setFrom, setTo };
}

export function RangeFields({ range }: { range: ReturnType<typeof useRange> }) {
  const { t } = useTranslation();
  return (
    <div className="grid-2">
      <TextField
        label={t('reports.from')}
        name="from"
        type="date"
        value={range.from}
        onChange={(event) => range.setFrom(event.target.value)}
      />
      <TextField
        label={t('reports.to')}
        name="to"
        type="date"
        value={range.to}
        onChange={(event) => range.setTo(event.target.value)}
      />
    </div>
  );
}
