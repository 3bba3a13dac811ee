import { api } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { actionName } from './actions';
import './Audit.css';

/** `/audit`: the newest 200 entries of the tamper-evident audit log. */
export default function Audit() {
  const data = useResource(async () => {
    const [entries, people, clients] = await Promise.all([
      api.get('/api/audit'),
      api.get('/api/people'),
      // Coordinators see their team's staff in /api/people; the clients come from the caseload.
      api.get('/api/clients').catch(() => []),
    ]);
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    for (const client of clients) names.set(client.id, client.displayName);
    return { entries, names };
  });
  const name = (id: string) => (id ? (data.data?.names.get(id) ?? `${id.slice(0, 8)}…`) : '—');
  return (
    <Page title={t('audit.title')} back={{ href: '/', label: t('nav.home') }}>
      <p class="lead">{t('audit.intro')}</p>
      {data.data === undefined ? (
        <LoadState loading={data.loading} trouble={data.trouble} />
      ) : data.data.entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        // A wide table scrolls inside its own region, never the page (WCAG 1.4.10 allows
        // two-dimensional scrolling for data tables); the region is focusable for keyboards.
        <div class="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
          <table class="table">
            <caption id="audit-caption">{t('audit.caption', { count: data.data.entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.about')}</th>
                <th scope="col">{t('audit.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{actionName(entry.action)}</td>
                  <td>{name(entry.actor)}</td>
                  <td>{name(entry.subject)}</td>
                  <td>{entry.outcome === 'ok' ? t('audit.ok') : t('audit.refused')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
