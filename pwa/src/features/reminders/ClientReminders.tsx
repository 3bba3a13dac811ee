import { api } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { fetchUpcoming, nextOf } from '../../data/shifts';
import { DeviceList } from './Devices';
import { CLIENT_KINDS, QuietHoursForm, RulesEditor } from './RulesEditor';

/**
 * A client's reminders on their page, for the coach helping them choose: which and when, and
 * quiet hours. Devices are the client's own to turn on (on their phone); shown here so the
 * coach knows whether reminders will reach them.
 */
export function ClientReminders({ clientId }: { clientId: string }) {
  const reminders = useResource(
    () => api.get('/api/clients/{client_id}/reminders', { path: { client_id: clientId } }),
    [clientId],
  );
  const upcoming = useResource(() => fetchUpcoming(clientId), [clientId]);
  const data = reminders.data;
  if (!data) return <LoadState loading={reminders.loading} trouble={reminders.trouble} />;
  return (
    <>
      <p>{t('reminders.clientIntro')}</p>
      <h3>{t('push.devices')}</h3>
      <DeviceList devices={data.devices} />
      <p>{data.hasEmail ? t('reminders.hasEmail') : t('reminders.noEmail')}</p>
      <RulesEditor
        kinds={CLIENT_KINDS}
        forSomeoneElse
        nextShift={upcoming.data && nextOf(upcoming.data)}
        rules={data.rules}
        create={(body) =>
          api.post('/api/clients/{client_id}/reminders', { path: { client_id: clientId }, body })
        }
        onSaved={() => void reminders.reload()}
      />
      <h3>{t('reminders.quietTitle')}</h3>
      <QuietHoursForm
        quiet={data.quietHours}
        save={async (body) => {
          reminders.set(
            await api.put('/api/clients/{client_id}/quiet-hours', {
              path: { client_id: clientId },
              body,
            }),
          );
        }}
      />
    </>
  );
}
