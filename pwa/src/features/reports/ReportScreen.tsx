import { api } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { currentLocale, t } from '../../i18n';
import { onLinkClick } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { ReportTableView } from './ReportTableView';
import { periodWords, scopeWords, submittedWords } from './words';
import './Reports.css';

const FILES = { xlsx: 'reports.download.xlsx', csv: 'reports.download.csv', pdf: 'reports.download.pdf' } as const;

/**
 * `/reports/:id`: a submitted report as it was submitted — the table, who submitted it and
 * when, its files — and "Correct this report" (a new report that points to this one).
 */
export default function ReportScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const report = useResource(
    () => api.get('/api/reports/{report_id}', { path: { report_id: id }, query: { language: currentLocale() } }),
    [id, currentLocale()],
  );
  const data = report.data;
  const back = { href: '/reports', label: t('reports.title') };
  if (data === undefined) {
    return (
      <Page title={t('reports.title')} back={back}>
        <LoadState loading={report.loading} trouble={report.trouble} />
      </Page>
    );
  }
  const table = data.table;
  return (
    <Page title={`${table.name}: ${periodWords(table.period)}`} back={back}>
      <p>
        {scopeWords(table.scope)} · {submittedWords(data)}
      </p>
      {data.supersededBy && (
        <Notice kind="warning" title={t('reports.supersededTitle')} live={false}>
          <p>
            <a href={`/reports/${data.supersededBy}`} onClick={onLinkClick}>{t('reports.openCorrection')}</a>
          </p>
        </Notice>
      )}
      {data.corrects && (
        <p>
          {t('reports.correctionOf')} <a href={`/reports/${data.corrects}`} onClick={onLinkClick}>{t('reports.openCorrected')}</a>
          {data.note ? ` ${t('reports.why', { note: data.note })}` : ''}
        </p>
      )}
      {!data.intact && <Notice kind="error" title={t('reports.notIntact')} live={false} />}
      <h2>{t('reports.downloads')}</h2>
      <div class="report-downloads">
        {data.downloads.map((d) => (
          <a key={d.kind} class="button button--secondary" href={d.href} download>
            {t(FILES[d.kind])}
          </a>
        ))}
      </div>
      <h2>{t('reports.figures')}</h2>
      <ReportTableView table={table} />
      <h2>{t('reports.signature')}</h2>
      <p class="report-hash">
        {t('reports.hash')} <code>{data.contentHash}</code>
      </p>
      {!data.supersededBy && (
        <div class="actions">
          <LinkButton href={`/reports/new?corrects=${data.id}`}>{t('reports.correct')}</LinkButton>
        </div>
      )}
    </Page>
  );
}
