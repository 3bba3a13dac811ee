import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { ItemList } from '../../components/List/List';
import { formatDate, t } from '../../i18n';
import { describe } from '../../lib/errors';
import type { Update } from './api';
import { NewsPhoto } from './NewsPhoto';
import { Outcome, type Message } from './Outcome';

/** Why the news exists: written by someone, or suggested by a reached goal or a learned task. */
function origin(update: Update, mode: 'client' | 'staff'): string {
  if (update.source.startsWith('goal:')) return t(mode === 'client' ? 'updates.fromGoal' : 'updates.fromGoalStaff');
  if (update.source.startsWith('task:')) return t(mode === 'client' ? 'updates.fromTask' : 'updates.fromTaskStaff');
  return t('updates.writtenBy', { name: update.authorName ?? t('updates.someone'), date: formatDate(update.createdAt) });
}

function statusInWords(update: Update): string {
  if (update.status === 'pending') return t('updates.statusPending');
  if (update.status === 'declined') return t('updates.statusDeclined');
  const names = update.audience.map((p) => p.displayName).join(', ');
  return names ? t('updates.statusSharedWith', { names }) : t('updates.statusSharedNobody');
}

/** One piece of news as a card: the photo large, the words, where it came from, its state. */
export function UpdateCard({ update, mode, children }: { update: Update; mode: 'client' | 'staff'; children?: preact.ComponentChildren }) {
  return (
    <li class="news">
      {update.photo && <NewsPhoto photo={update.photo} alt={t('updates.photoAlt')} />}
      <p class="news__text" dir="auto">
        {update.text}
      </p>
      <p class="news__meta">
        {t(`updates.kind.${update.kind}`)} · {origin(update, mode)}
      </p>
      {/* The client's waiting news sits under "Waiting for you": no need to say it again. */}
      {(mode === 'staff' || update.status !== 'pending') && <p class="news__status">{statusInWords(update)}</p>}
      {children}
    </li>
  );
}

/**
 * The client's "Waiting for you": news the coach wrote or Stepwise suggested, each with "Share"
 * and "Don't share"; below it what is shared now, with "Stop sharing". Only the client decides.
 */
export function WaitingForYou({ updates, onChanged }: { updates: Update[]; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const waiting = updates.filter((u) => u.status === 'pending');
  const shared = updates.filter((u) => u.status === 'shared');

  async function decide(update: Update, share: boolean) {
    setBusy(`${update.id}-${share ? 'yes' : 'no'}`);
    setMessage(null);
    try {
      const path = { update_id: update.id };
      const after = share
        ? await api.post('/api/updates/{update_id}/approve', { path })
        : await api.post('/api/updates/{update_id}/decline', { path });
      const names = after.audience.map((p) => p.displayName).join(', ');
      setMessage({
        kind: 'success',
        text: share
          ? names
            ? t('updates.approved', { names })
            : t('updates.approvedNobody')
          : update.status === 'shared'
            ? t('updates.unshared')
            : t('updates.declined'),
      });
      await onChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: describe(error).title });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Outcome message={message} />
      {waiting.length === 0 ? (
        <p>{t('updates.nothingWaiting')}</p>
      ) : (
        <ItemList label={t('updates.waitingTitle')}>
          {waiting.map((update) => (
            <UpdateCard key={update.id} update={update} mode="client">
              <div class="actions">
                <Button variant="primary" busy={busy === `${update.id}-yes`} onClick={() => void decide(update, true)}>
                  {t('updates.approve')}
                </Button>
                <Button busy={busy === `${update.id}-no`} onClick={() => void decide(update, false)}>
                  {t('updates.decline')}
                </Button>
              </div>
            </UpdateCard>
          ))}
        </ItemList>
      )}
      {shared.length > 0 && (
        <>
          <h3 class="news-heading">{t('updates.sharedTitle')}</h3>
          <ItemList label={t('updates.sharedTitle')}>
            {shared.map((update) => (
              <UpdateCard key={update.id} update={update} mode="client">
                <div class="actions">
                  <Button busy={busy === `${update.id}-no`} onClick={() => void decide(update, false)}>
                    {t('updates.stopSharing')}
                  </Button>
                </div>
              </UpdateCard>
            ))}
          </ItemList>
        </>
      )}
    </>
  );
}

/** For staff on the client's page: every piece of news and where it stands (no decisions). */
export function UpdateStates({ updates }: { updates: Update[] }) {
  if (updates.length === 0) return <p>{t('updates.none')}</p>;
  return (
    <ItemList label={t('updates.allTitle')}>
      {updates.map((update) => (
        <UpdateCard key={update.id} update={update} mode="staff" />
      ))}
    </ItemList>
  );
}
