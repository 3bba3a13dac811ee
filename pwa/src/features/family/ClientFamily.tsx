import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { loadUpdates } from './api';
import { SharingPanel } from './SharingPanel';
import { UpdateForm } from './UpdateForm';
import { UpdateStates } from './UpdateList';

/** On the client's page, for their coach: help with sharing choices, write news, see its state. */
export function ClientFamily({ clientId, clientName }: { clientId: string; clientName: string }) {
  const updates = useResource(() => loadUpdates(clientId), [clientId]);
  return (
    <>
      <Card id="news" title={t('updates.staffTitle')}>
        <p>{t('updates.staffIntro', { name: clientName })}</p>
        <UpdateForm clientId={clientId} mode="staff" onCreated={() => void updates.reload()} />
        <h3 class="news-heading">{t('updates.allTitle')}</h3>
        {updates.data ? (
          <UpdateStates updates={updates.data} />
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
