import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Schemas } from '../../../api/client';
import { Button } from '../../../components/Button/Button';
import { Card } from '../../../components/Card/Card';
import { ItemList } from '../../../components/List/List';
import { LoadState } from '../../../components/Loading/Loading';
import { Notice } from '../../../components/Notice/Notice';
import { formatDateTime, t } from '../../../i18n';
import { describe } from '../../../lib/errors';
import { useResource } from '../../../lib/useResource';
import { useMe } from '../../../session';
import { useHelpStream } from './helpStream';

type Open = Schemas['OpenHelpRequest'];

/**
 * The coach's and the coordinator's home, "Asked for help": who pressed "I need help", in which
 * task and at which step, and "I have helped" to close it. A push of kind `help_request` opens
 * this screen; an open screen shows a new request within seconds, without a reload (the
 * server's event stream, `helpStream.ts`), and says it in a polite live region.
 */
export function HelpRequests() {
  const me = useMe();
  const requests = useResource(() => api.get('/api/help-requests'), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{
    kind: 'success' | 'error' | 'info';
    text: string;
  } | null>(null);
  const loading = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const known = useRef<Set<string> | null>(null);
  const told = useRef(new Set<string>());

  /** One fetch at a time; changes told meanwhile fetch once more after it. */
  function refresh() {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = requests.reload().finally(() => {
      loading.current = null;
      if (again.current) {
        again.current = false;
        refresh();
      }
    });
  }
  useHelpStream(refresh);

  const list = requests.data;
  useEffect(() => {
    if (list === undefined) return;
    const fresh = known.current ? list.filter((r) => !known.current?.has(r.id)) : [];
    known.current = new Set(list.map((r) => r.id));
    const newest = fresh[0];
    if (newest) {
      setMessage({ kind: 'info', text: t('help.new', { name: newest.clientName }) });
    }
    // Reading the list changes nothing on the server; saying which of the coach's own clients'
    // requests this screen shows lets their players say "your coach has seen it".
    const untold = list.filter((r) => r.coachId === me.id && !told.current.has(r.id)).map((r) => r.id);
    if (untold.length > 0) {
      for (const id of untold) told.current.add(id);
      api.post('/api/help-requests/seen', { body: { ids: untold } }).catch(() => {
        for (const id of untold) told.current.delete(id); // said again with the next fetch
      });
    }
  }, [list]);

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
              {request.coachId && request.coachId !== me.id && request.coachName && (
                <p>{t('help.coachIs', { name: request.coachName })}</p>
              )}
              {request.escalatedAt && <p>{t('help.escalated')}</p>}
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
