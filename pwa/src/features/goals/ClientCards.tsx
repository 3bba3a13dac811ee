import { api } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { formatDay } from './words';

/** On the client's page: their goals, and whether the monthly conversation is due. */
export function GoalsAndConversationCards({ clientId }: { clientId: string }) {
  const path = { client_id: clientId };
  const goals = useResource(() => api.get('/api/clients/{client_id}/goals', { path }), [clientId]);
  const talks = useResource(() => api.get('/api/clients/{client_id}/conversations', { path }), [clientId]);
  const active = goals.data?.filter((g) => g.status === 'active').length ?? 0;
  const open = talks.data?.conversations.find((c) => c.status === 'open');
  return (
    <>
      <Card id="goals" title={t('goals.coach.card')}>
        {goals.data === undefined ? (
          <LoadState loading={goals.loading} trouble={goals.trouble} />
        ) : (
          <p>{t('goals.coach.active', { count: active })}</p>
        )}
        <LinkButton href={`/clients/${clientId}/goals`} variant="primary">
          {t('goals.coach.open')}
        </LinkButton>
      </Card>
      <Card id="conversation" title={t('pta.title')}>
        {talks.data === undefined ? (
          <LoadState loading={talks.loading} trouble={talks.trouble} />
        ) : (
          <>
            {talks.data.due && <Notice kind="warning" live={false} title={t('pta.due')} />}
            <p>
              {talks.data.lastHeldOn
                ? t('pta.lastHeld', { date: formatDay(talks.data.lastHeldOn, 'long') })
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
