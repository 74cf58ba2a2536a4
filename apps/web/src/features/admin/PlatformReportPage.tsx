import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RangeFields, ReportView, useRange } from '../../components/report-view';
import { Loaded, Page } from '../../components/states';
import { api, unwrap } from '../../lib/api/client';
import type { ReportSummary } from '../../lib/api/types';

export function PlatformReportPage() {
  const { t } = useTranslation();
  const range = useRange();
  const report = useQuery({
    queryKey: ['admin-report', range.from, range.to],
    queryFn: () =>
      unwrap<ReportSummary>(
        api.GET('/api/v1/admin/reports/summary', { params: { query: { from: range.from, to: range.to } } }),
      ),
  });
  const stats = useQuery({
    queryKey: ['admin-stats'],
    queryFn: () => unwrap<Record<string, unknown>>(api.GET('/api/v1/admin/stats')),
  });
  return (
    <Page title={t('admin.platformReport')}>
      <RangeFields range={range} />
      <Loaded query={report}>{(data) => <ReportView report={data} />}</Loaded>
      <section className="card">
        <h2>{t('admin.stats')}</h2>
        <Loaded query={stats}>
          {(data) => (
            <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {JSON.stringify(data, null, 2)}
            </pre>
          )}
        </Loaded>
      </section>
    </Page>
  );
}
