import type { Schemas } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import type { Resource } from '../../lib/useResource';
import { formatDay } from './words';

/**
 * On the client's page: their goals, and whether the monthly conversation is due — parts of the
 * page's one answer (`GET /api/clients/{id}/page`).
 */
export function GoalsAndConversationCards({
  clientId,
  page,
}: {
  clientId: string;
  page: Resource<Schemas['ClientPage']>;
}) {
  const goals = page.data?.goals;
  const talks = page.data?.conversations;
  const active = goals?.filter((g) => g.status === 'active').length ?? 0;
  const open = talks?.conversations.find((c) => c.status === 'open');
  return (
    <>
      <Card id="goals" title={t('goals.coach.card')}>
        {goals === undefined ? (
          <LoadState loading={page.loading} trouble={page.trouble} />
        ) : (
          <p>{t('goals.coach.active', { count: active })}</p>
        )}
        <LinkButton href={`/clients/${clientId}/goals`} variant="primary">
          {t('goals.coach.open')}
        </LinkButton>
      </Card>
      <Card id="conversation" title={t('pta.title')}>
        {talks === undefined ? (
          <LoadState loading={page.loading} trouble={page.trouble} />
        ) : (
          <>
            {talks.due && <Notice kind="warning" live={false} title={t('pta.due')} />}
            <p>
              {talks.lastHeldOn
                ? t('pta.lastHeld', { date: formatDay(talks.lastHeldOn, 'long') })
                : t('pta.never')}
            </p>
            {open && <p>{t('pta.openOne')}</p>}
          </>
        )}
        <LinkButton href={`/clients/${clientId}/conversations`} variant="primary">
          {t('pta.open')}
        </LinkButton>
      </Card>
    </>
  );
}
