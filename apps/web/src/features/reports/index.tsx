import { useState } from 'react';
import { RangeFields, useRange } from '../../components/report-view';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loaded, Page } from '../../components/states';
import { api, unwrap } from '../../lib/api/client';
import type { ReportSummary } from '../../lib/api/types';
import { useMe } from '../../lib/auth';
import { ReportView } from '../../components/report-view';

/** The organisation's report: figures, charts and the hours CSV. Loaded only when opened. */
export default function OrganizationReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const range = useRange();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const organizationId = me.organization?.id;
  const query = { from: range.from, to: range.to };
  const report = useQuery({
    queryKey: ['report', organizationId, range.from, range.to],
    queryFn: () =>
      unwrap<ReportSummary>(
        api.GET('/api/v1/organizations/{id}/reports/summary', {
          params: { path: { id: organizationId! }, query },
        }),
      ),
    enabled: Boolean(organizationId),
  });
  const download = async () => {
    setDownloadError(null);
    try {
      const file = await unwrap<Blob>(
        api.GET('/api/v1/organizations/{id}/reports/hours.csv', {
          params: { path: { id: organizationId! }, query },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(file);
      const link = document.createElement('a');
      link.href = url;
      link.download = `haven-hours-${range.from}-${range.to}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setDownloadError(error);
    }
  };
  if (!organizationId) return <Page title={t('reports.title')}>{t('coord.notApproved')}</Page>;
  return (
    <Page
      title={t('reports.title')}
      actions={
        <button type="button" className="button secondary" onClick={() => void download()}>
          {t('reports.downloadCsv')}
        </button>
      }
    >
      {downloadError ? <ErrorState error={downloadError} /> : null}
      <RangeFields range={range} />
      <Loaded query={report}>{(data) => <ReportView report={data} />}</Loaded>
    </Page>
  );
}
