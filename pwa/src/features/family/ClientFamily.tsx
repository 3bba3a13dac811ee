import { useEffect, useRef, useState } from 'preact/hooks';
import { pages } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { SharingPanel } from './SharingPanel';
import { UpdateForm } from './UpdateForm';
import { UpdateStates } from './UpdateList';

/**
 * On the client's page, for their coach: help with sharing choices, see the news and its
 * state, and "Write news for the family", which opens its form when the coach asks for it.
 */
export function ClientFamily({ clientId, clientName }: { clientId: string; clientName: string }) {
  const updates = usePages(
    () => pages.first('/api/clients/{client_id}/updates', { path: { client_id: clientId } }),
    [clientId],
  );
  const [writing, setWriting] = useState(false);
  // Focus follows the form: into its text when it opens, back to its button when it closes.
  const writingBefore = useRef(false);
  useEffect(() => {
    if (writing) document.getElementById('update-text')?.focus();
    else if (writingBefore.current) document.getElementById('write-news')?.focus();
    writingBefore.current = writing;
  }, [writing]);
  return (
    <>
      <Card id="news" title={t('updates.staffTitle')}>
        <p>{t('updates.staffIntro', { name: clientName })}</p>
        {writing ? (
          <>
            <UpdateForm clientId={clientId} mode="staff" onCreated={() => void updates.reload()} />
            <div class="actions">
              <Button onClick={() => setWriting(false)}>{t('action.close')}</Button>
            </div>
          </>
        ) : (
          <div class="actions">
            <Button id="write-news" variant="primary" onClick={() => setWriting(true)}>
              {t('updates.writeTitle')}
            </Button>
          </div>
        )}
        <h3 class="news-heading">{t('updates.allTitle')}</h3>
        {updates.items ? (
          <ShowMore list={updates}>
            <UpdateStates updates={updates.items} />
          </ShowMore>
        ) : (
          <LoadState loading={updates.loading} trouble={updates.trouble} />
        )}
      </Card>
      <Card id="sharing" title={t('sharing.staffTitle', { name: clientName })}>
        <SharingPanel clientId={clientId} clientName={clientName} mode="staff" />
      </Card>
    </>
  );
}
