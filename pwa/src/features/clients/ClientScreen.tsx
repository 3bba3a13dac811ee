import type { ComponentChildren } from 'preact';
import { api, type ClientDetail } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t, type Key } from '../../i18n';
import { useResource } from '../../lib/useResource';

type ClientRecord = ClientDetail;

/**
 * One topic of a client's record on its own screen (`/clients/:id/<topic>`): the heading names
 * the topic and the client, and "Back to <name>" leads to the overview.
 */
export function ClientScreen({
  clientId,
  title,
  children,
}: {
  clientId: string;
  /** A message with `{name}`: "Tasks of {name}". */
  title: Key;
  children: (client: ClientRecord) => ComponentChildren;
}) {
  const record = useResource(
    () => api.get('/api/clients/{client_id}', { path: { client_id: clientId } }),
    [clientId],
  );
  const client = record.data;
  if (!client) {
    return (
      <Page
        title={record.trouble ? t('client.notFound') : t('app.loading')}
        back={{ href: `/clients/${clientId}`, label: t('goals.coach.back') }}
      >
        <LoadState loading={record.loading} trouble={record.trouble} />
      </Page>
    );
  }
  return (
    <Page
      title={t(title, { name: client.displayName })}
      back={{ href: `/clients/${clientId}`, label: t('client.backTo', { name: client.displayName }) }}
    >
      {children(client)}
    </Page>
  );
}
