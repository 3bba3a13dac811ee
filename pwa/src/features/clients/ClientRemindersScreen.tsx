import { Card } from '../../components/Card/Card';
import { t } from '../../i18n';
import { ClientReminders } from '../reminders/ClientReminders';
import { ClientScreen } from './ClientScreen';

/** `/clients/:id/reminders`: which reminders the client gets and when, and quiet hours. */
export default function ClientRemindersScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  return (
    <ClientScreen clientId={id} title="client.remindersTitle">
      {(client) => (
        <Card id="reminders" title={t('reminders.title')}>
          <ClientReminders clientId={client.id} />
        </Card>
      )}
    </ClientScreen>
  );
}
