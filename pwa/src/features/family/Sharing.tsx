import { Card } from '../../components/Card/Card';
import { backFromMore } from '../../components/Layout/nav';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { loadUpdates } from './api';
import { SharingPanel } from './SharingPanel';
import { UpdateForm } from './UpdateForm';
import { WaitingForYou } from './UpdateList';

/** `/sharing`: the client decides what each family member sees, and which news goes to them. */
export default function Sharing() {
  const me = useMe();
  const back = backFromMore(me.role);
  const updates = useResource(() => loadUpdates(me.id), [me.id]);
  const waiting = updates.data?.filter((u) => u.status === 'pending').length ?? 0;
  return (
    <Page title={t('sharing.title')} back={back}>
      <Card id="waiting" title={t('updates.waitingCount', { count: waiting })}>
        {updates.data ? (
          <WaitingForYou updates={updates.data} onChanged={updates.reload} />
        ) : (
          <LoadState loading={updates.loading} trouble={updates.trouble} />
        )}
      </Card>
      <SharingPanel clientId={me.id} clientName={me.displayName} mode="client" />
      <Card id="write" title={t('updates.writeTitle')}>
        <UpdateForm clientId={me.id} mode="client" onCreated={() => void updates.reload()} />
      </Card>
    </Page>
  );
}
