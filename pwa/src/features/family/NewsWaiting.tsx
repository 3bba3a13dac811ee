import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { DAY_KEY, useDay } from '../../data/day';
import { t } from '../../i18n';

/**
 * On the client's home, first, when news written by the coach (or suggested by Stepwise) waits
 * for the client's yes or no: nothing reaches the family before that, so the client must see
 * that it waits. Shown only when something waits (and the server could be asked).
 */
export function NewsWaiting() {
  const day = useDay(DAY_KEY, (answer) => answer);
  // The server's answer only: a copy saved earlier may count news answered since.
  const count = day.savedAt === null ? (day.data?.newsWaiting ?? 0) : 0;
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
