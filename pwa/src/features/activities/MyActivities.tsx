import { api, pages } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { ActivityItems, PAGE } from './ActivityItems';

/**
 * `/together`, the client's "What we did together": every activity about them in plain words,
 * newest first, and how many are kept restricted because someone asked for confidence (their
 * content is never shown here).
 */
export default function MyActivities() {
  const me = useMe();
  const log = usePages(() => pages.first('/api/clients/{client_id}/activities', { path: { client_id: me.id }, query: { limit: PAGE } }), [me.id]);
  const kept = useResource(() =>
    api.get('/api/clients/{client_id}/activities/kept-back', { path: { client_id: me.id } }),
  );
  const restricted = kept.data?.restricted ?? 0;
  return (
    <Page title={t('activity.togetherTitle')} back={{ href: '/more', label: t('nav.more') }}>
      <p class="lead">{t('activity.togetherLead')}</p>
      {restricted > 0 && <Notice title={t('activity.keptBack', { count: restricted })} />}
      {log.items === undefined ? (
        <LoadState loading={log.loading} trouble={log.trouble} />
      ) : log.items.length === 0 ? (
        <p>{t('activity.noneForYou')}</p>
      ) : (
        <ShowMore list={log}>
          <ActivityItems items={log.items} label={t('activity.togetherTitle')} forClient />
        </ShowMore>
      )}
    </Page>
  );
}
