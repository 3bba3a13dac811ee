import { pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { ClientOpportunity } from './MyOpportunities';
import { interviewSoon } from './words';

const SOON_DAYS = 7;

/** On the client's home: their next job interview within a week, in plain words (nothing when
 * there is none, or when it cannot be read now). */
export function NextInterview() {
  const me = useMe();
  const mine = useResource(
    () => pages.first('/api/clients/{client_id}/opportunities', { path: { client_id: me.id }, query: { step: 'interview', limit: 20 } }),
    [me.id],
  );
  const next = (mine.data?.items ?? [])
    .filter((o) => interviewSoon(o, SOON_DAYS))
    .sort((a, b) => Date.parse(a.interview?.startsAt ?? '') - Date.parse(b.interview?.startsAt ?? ''))[0];
  if (!next) return null;
  return (
    <Card id="next-interview" title={t('opportunities.client.nextInterview')}>
      <ClientOpportunity o={next} />
      <LinkButton href="/opportunities">{t('opportunities.client.seeAll')}</LinkButton>
    </Card>
  );
}
