import { useState } from 'preact/hooks';
import { api, type Invitation } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { formatDateTime, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import './RecentInvitations.css';

/** The newest invitations this person made (administrators: everyone's), cancellable. */
export function RecentInvitations({ limit = 8 }: { limit?: number }) {
  // The newest `limit` only: the first page of the list.
  const invitations = useResource(() => api.get('/api/invitations', { query: { limit } }), [limit]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function cancel(invitation: Invitation) {
    try {
      await api.delete('/api/invitations/{invitation_id}', { path: { invitation_id: invitation.id } });
      setMessage({ kind: 'success', text: t('invitations.cancelled', { name: invitation.displayName }) });
      await invitations.reload();
    } catch (error) {
      setMessage({ kind: 'error', text: describe(error).title });
    }
  }

  const list = (invitations.data ?? []).slice(0, limit);
  return (
    <Card id="invitations" title={t('invitations.title')}>
      {message && <Notice kind={message.kind} title={message.text} />}
      {invitations.data === undefined ? (
        <LoadState loading={invitations.loading} trouble={invitations.trouble} />
      ) : list.length === 0 ? (
        <p>{t('invitations.none')}</p>
      ) : (
        <ItemList>
          {list.map((invitation) => (
            <li key={invitation.id} class="invitation-row">
              <p class="invitation-row__name">
                <strong>{invitation.displayName}</strong> · {t(`role.${invitation.role}`)}
              </p>
              <p class="muted">
                {t(`invitations.status.${invitation.status}`)}
                {invitation.status === 'pending' &&
                  ` · ${t('invitations.until', { time: formatDateTime(invitation.expiresAt) })}`}
              </p>
              {invitation.status === 'pending' && (
                <Button variant="secondary" onClick={() => void cancel(invitation)}>
                  {t('invitations.cancel')}
                  <span class="visually-hidden">
                    {' '}
                    {t('invitations.cancelFor', { name: invitation.displayName })}
                  </span>
                </Button>
              )}
            </li>
          ))}
        </ItemList>
      )}
    </Card>
  );
}
