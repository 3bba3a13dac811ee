import { api, type Schemas } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { backFromMore } from '../../components/Layout/nav';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import '../family/Family.css';
import { RecordViews } from './RecordViews';

type Section = Schemas['DataSection'];

function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return formatDateTime(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  return JSON.stringify(value);
}

/** The download, with times on the page written on this phone's clock. */
function exportHref(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone ? `/api/me/export?${new URLSearchParams({ zone }).toString()}` : '/api/me/export';
}

/** `/my-data`: everything Stepwise holds about me, who looked at my record, and the download. */
export default function MyData() {
  const data = useResource(() => api.get('/api/me/data'));
  const back = backFromMore(useMe().role);
  const mine = data.data;
  // A family member has no record: what others did is done to their account.
  const forFamily = mine?.role === 'family';
  return (
    <Page title={t('mydata.title')} back={back}>
      <p class="lead">{t('mydata.intro')}</p>
      <Card id="download" title={t('mydata.downloadTitle')}>
        <p>{t('mydata.downloadText')}</p>
        {/* A plain link: the browser downloads the ZIP itself (Content-Disposition). */}
        <a class="button button--primary" href={exportHref()} download>
          {t('mydata.download')}
        </a>
      </Card>
      <Card id="privacy-notice" title={t('notice.screenTitle')}>
        <p>{t('notice.cardText')}</p>
        <LinkButton href="/privacy-notice">{t('notice.open')}</LinkButton>
      </Card>
      {!mine ? (
        <LoadState loading={data.loading} trouble={data.trouble} />
      ) : (
        <>
          <RecordViews forFamily={forFamily} />
          <Card id="held" title={t('mydata.heldTitle', { count: mine.rowCount })}>
            <p>{t('mydata.heldText')}</p>
            {/* The server writes each part's title, sentence and column names in the person's
                language (backend/lib/i18n, shared with the export's index.html); `lang` and
                `dir` say which, should the app show another. */}
            <div lang={mine.locale} dir={mine.direction}>
              {mine.sections.map((section: Section) => (
                <section key={section.key} class="mydata-section" aria-labelledby={`data-${section.key}`}>
                  <h3 id={`data-${section.key}`}>{section.title}</h3>
                  <p>{section.description}</p>
                  <details class="mydata-section__rows">
                    <summary>{t('mydata.showRows', { count: section.rows.length })}</summary>
                    {section.rows.map((row, index) => (
                      <dl key={index} class="mydata-row">
                        {Object.entries(row).map(([name, value]) => (
                          <div key={name}>
                            <dt>{name}</dt>
                            <dd>{cell(value)}</dd>
                          </div>
                        ))}
                      </dl>
                    ))}
                  </details>
                </section>
              ))}
            </div>
          </Card>
        </>
      )}
    </Page>
  );
}
