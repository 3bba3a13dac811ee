import type { components } from '../../api/schema';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { ItemList } from '../../components/List/List';
import { formatDate, t } from '../../i18n';
import { feedbackSaid } from './said';

type WorkFeedback = components['schemas']['WorkFeedback'];

/**
 * What readers of the handover pack said lately (two taps on the pack's page), newest first: on
 * the client's home (their own news from work) and on the client's page for staff. Shown only
 * when there is something; `href` leads to the pack, where the coach sees who said it.
 */
export function FromWork({ items, href }: { items: WorkFeedback[]; href: (item: WorkFeedback) => string }) {
  const newest = items[0];
  if (!newest) return null;
  return (
    <Card id="from-work" title={t('handover.fromWork')}>
      <ItemList label={t('handover.fromWork')}>
        {items.map((item) => (
          <li key={item.id}>
            <span dir="auto">{feedbackSaid(item)}</span>
            <span class="muted"> · {formatDate(item.at)}</span>
          </li>
        ))}
      </ItemList>
      <LinkButton href={href(newest)}>{t('handover.fromWorkOpen')}</LinkButton>
    </Card>
  );
}
