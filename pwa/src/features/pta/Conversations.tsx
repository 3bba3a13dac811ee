import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { currentLocale, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { formatDay } from '../goals/words';

/** `/clients/:id/conversations`: the monthly conversations with a client, and starting one. */
export default function Conversations({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const path = { client_id: id };
  const record = useResource(() => api.get('/api/clients/{client_id}', { path }), [id]);
  const list = useResource(() => api.get('/api/clients/{client_id}/conversations', { path }), [id]);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = record.data?.displayName ?? '';
  const open = list.data?.conversations.find((c) => c.status === 'open');

  async function start() {
    setBusy(true);
    setTrouble(null);
    try {
      const conversation = await api.post('/api/clients/{client_id}/conversations', {
        path,
        body: { localId: crypto.randomUUID(), locale: currentLocale() },
      });
      navigate(`/conversations/${conversation.id}`);
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page
      title={name ? t('pta.listTitle', { name }) : t('app.loading')}
      back={{ href: `/clients/${id}`, label: t('goals.coach.back') }}
    >
      <p class="lead">{t('pta.intro')}</p>
      {list.data === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : (
        <>
          {list.data.due && <Notice kind="warning" live={false} title={t('pta.due')} />}
          {trouble && <Notice kind="error" title={trouble} />}
          <div class="actions">
            {open ? (
              <LinkButton href={`/conversations/${open.id}`} variant="primary">
                {t('pta.continue')}
              </LinkButton>
            ) : (
              <Button variant="primary" busy={busy} onClick={() => void start()}>
                {t('pta.start')}
              </Button>
            )}
          </div>
          <Card id="past" title={t('pta.past')}>
            {list.data.conversations.length === 0 ? (
              <p>{t('pta.none')}</p>
            ) : (
              <LinkList label={t('pta.past')}>
                {list.data.conversations.map((c) => (
                  <LinkListItem
                    key={c.id}
                    href={`/conversations/${c.id}`}
                    title={formatDay(c.heldOn, 'long')}
                    detail={[
                      c.status === 'open' ? t('pta.status.open') : t('pta.status.ended'),
                      t('pta.answered', { count: c.answered }),
                      c.coachName ?? '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                ))}
              </LinkList>
            )}
          </Card>
        </>
      )}
    </Page>
  );
}
