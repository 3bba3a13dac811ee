import { pages } from '../../api/client';
import { ItemList, LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { useLocation } from '../../lib/router';
import { usePages } from '../../lib/usePages';
import { browserZone } from '../shifts/words';
import { askedFrom, queryOf, rowDetail, rowsTitles, type OutcomeRow } from './words';
import './Outcomes.css';

/**
 * `/results/:indicator`: the clients (or employer contacts) behind one figure, a page at a
 * time, each client opening their page.
 */
export default function ResultRows({ params }: { params: Record<string, string> }) {
  const indicator = params.indicator ?? '';
  const { query } = useLocation();
  const asked = askedFrom(query);
  const key = queryOf(asked);
  const list = usePages<OutcomeRow>(
    () =>
      pages.first('/api/outcomes/{indicator}/rows', {
        path: { indicator },
        query: { scope: asked.scope, id: asked.id, month: asked.month, zone: browserZone(), limit: 50 },
      }),
    [indicator, key],
  );
  const title = rowsTitles.get(indicator) ?? t('outcomes.rowsTitle');
  return (
    <Page title={title} back={{ href: `/results${key}`, label: t('outcomes.title') }}>
      {list.items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : list.items.length === 0 ? (
        <p>{t('outcomes.rowsNone')}</p>
      ) : (
        <ShowMore list={list}>
          {list.items[0]?.kind === 'activity' ? (
            <ItemList label={title}>
              {list.items.map((r) => (
                <li key={r.id} class="outcome-row">
                  <span class="outcome-row__name">{r.name || t('outcomes.row.noEmployer')}</span>
                  <span class="outcome-row__detail">{rowDetail(indicator, r)}</span>
                </li>
              ))}
            </ItemList>
          ) : (
            <LinkList label={title}>
              {list.items.map((r) => (
                <LinkListItem
                  key={`${r.id}-${r.day ?? ''}`}
                  href={`/clients/${r.id}`}
                  title={r.name}
                  detail={rowDetail(indicator, r)}
                />
              ))}
            </LinkList>
          )}
        </ShowMore>
      )}
    </Page>
  );
}
