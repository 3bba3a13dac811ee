import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../../api/client';
import { Button } from '../../../components/Button/Button';
import { Card } from '../../../components/Card/Card';
import { ItemList } from '../../../components/List/List';
import { LoadState } from '../../../components/Loading/Loading';
import { Notice } from '../../../components/Notice/Notice';
import { formatDateTime, t } from '../../../i18n';
import { describe } from '../../../lib/errors';
import { useResource } from '../../../lib/useResource';

type Open = Schemas['OpenHelpRequest'];

/**
 * The coach's home, "Asked for help": who pressed "I need help", in which task and at which
 * step, and "I have helped" to close it. A push of kind `help_request` opens this screen.
 */
export function HelpRequests() {
  const requests = useResource(() => api.get('/api/help-requests'), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function resolve(request: Open) {
    setBusy(request.id);
    setMessage(null);
    try {
      await api.post('/api/tasks/{task_id}/help-requests/{help_id}/resolve', {
        path: { task_id: request.taskId, help_id: request.id },
      });
      requests.set((requests.data ?? []).filter((r) => r.id !== request.id));
      setMessage({ kind: 'success', text: t('builder.helpResolved', { name: request.clientName }) });
    } catch (error) {
      setMessage({ kind: 'error', text: describe(error).title });
    } finally {
      setBusy(null);
    }
  }

  const list = requests.data;
  return (
    <Card id="help" title={t('builder.helpTitle')}>
      {message && <Notice kind={message.kind} title={message.text} />}
      {list === undefined ? (
        <LoadState loading={requests.loading} trouble={requests.trouble} />
      ) : list.length === 0 ? (
        <p>{t('builder.helpNone')}</p>
      ) : (
        <ItemList label={t('builder.helpTitle')}>
          {list.map((request) => (
            <li key={request.id} class="help-request">
              <p>
                <strong>{request.clientName}</strong>
                {' · '}
                <span dir="auto">{request.taskTitle}</span>
              </p>
              {request.stepPosition !== null && request.stepPosition !== undefined && (
                <p>
                  {t('builder.stepNumber', { number: request.stepPosition })}:{' '}
                  <span dir="auto">{request.stepText}</span>
                </p>
              )}
              <p class="muted">{formatDateTime(request.at)}</p>
              <Button variant="primary" busy={busy === request.id} onClick={() => void resolve(request)}>
                {t('builder.helped')}
                <span class="visually-hidden"> {request.clientName}</span>
              </Button>
            </li>
          ))}
        </ItemList>
      )}
    </Card>
  );
}
