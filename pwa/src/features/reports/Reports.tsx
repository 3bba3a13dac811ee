import { pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { periodWords, scopeWords, submittedWords, type ReportSummary } from './words';
import './Reports.css';

/**
 * `/reports`: the funder reports submitted for the reader's team (an administrator's: all),
 * newest first, a page at a time; and the way to make a new one. Reached from Results.
 */
export default function Reports() {
  const list = usePages<ReportSummary>(() => pages.first('/api/reports', { query: { limit: 20 } }), []);
  return (
    <Page title={t('reports.title')} back={{ href: '/results', label: t('outcomes.title') }}>
      <p>{t('reports.intro')}</p>
      <div class="actions">
        <LinkButton href="/reports/new" variant="primary">
          {t('reports.new')}
        </LinkButton>
      </div>
      <h2>{t('reports.submittedTitle')}</h2>
      {list.items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : list.items.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <ShowMore list={list}>
          <LinkList label={t('reports.submittedTitle')}>
            {list.items.map((r) => (
              <LinkListItem
                key={r.id}
                href={`/reports/${r.id}`}
                title={`${r.name}: ${periodWords(r.period)}`}
                detail={[
                  scopeWords(r.scope),
                  submittedWords(r),
                  r.supersededBy ? t('reports.superseded') : r.corrects ? t('reports.isCorrection') : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            ))}
          </LinkList>
        </ShowMore>
      )}
    </Page>
  );
}
