import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { loadUpdates } from './api';

/**
 * On the client's home, first, when news written by the coach (or suggested by Stepwise) waits
 * for the client's yes or no: nothing reaches the family before that, so the client must see
 * that it waits. Shown only when something waits (and the server could be asked).
 */
export function NewsWaiting({ clientId }: { clientId: string }) {
  const updates = useResource(() => loadUpdates(clientId), [clientId]);
  const count = updates.data?.filter((update) => update.status === 'pending').length ?? 0;
  if (count === 0) return null;
  return (
    <Card id="news-waiting" title={t('updates.waitingTitle')}>
      <p>{t('home.client.newsWaiting', { count })}</p>
      <LinkButton href="/sharing" variant="primary">
        {t('home.client.newsOpen')}
      </LinkButton>
    </Card>
  );
}
