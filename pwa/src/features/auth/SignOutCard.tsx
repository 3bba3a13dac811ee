import { useState } from 'preact/hooks';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Dialog } from '../../components/Dialog/Dialog';
import { Notice } from '../../components/Notice/Notice';
import { flush, outboxState, useOutbox } from '../../data/outbox';
import type { Passkey } from '../../api/client';
import { formatDateTime, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { signOut, SignOutOffline } from './signout';

type Where = 'here' | 'everywhere';

/**
 * "Sign out" and "Sign out everywhere". When changes made on this device are still waiting to
 * be sent, ask first and say plainly what would be lost, with "Send first" / "Sign out anyway".
 */
export function SignOutCard({
  recent = [],
  onRemove,
}: {
  /** Passkeys added in the last seven days: someone else may have added one. */
  recent?: Passkey[];
  onRemove?: (passkey: Passkey) => void;
} = {}) {
  const { waiting } = useOutbox();
  const [asking, setAsking] = useState<Where | null>(null);
  const [busy, setBusy] = useState<Where | 'send' | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);

  async function go(where: Where) {
    setBusy(where);
    setTrouble(null);
    setAsked(false);
    try {
      await signOut(where, () => setAsked(true));
    } catch (error) {
      setBusy(null);
      setAsked(false);
      setTrouble(error instanceof SignOutOffline ? t('signout.offline') : describe(error).title);
      return;
    }
    // A fresh page: nothing of this person stays in memory, and the next person's data layer
    // starts new (the wipe stopped this page from creating a database). Until it loads, the
    // button stays busy; the sign-in page is the first thing shown after.
    window.location.replace('/signin');
  }

  function start(where: Where) {
    setTrouble(null);
    if (outboxState().waiting > 0) setAsking(where);
    else void go(where);
  }

  async function sendFirst() {
    if (!asking) return;
    setBusy('send');
    setTrouble(null);
    await flush();
    if (outboxState().waiting === 0) {
      await go(asking);
      return;
    }
    setBusy(null);
    setTrouble(t('signout.stillWaiting', { count: outboxState().waiting }));
  }

  return (
    <Card id="signout" title={t('signout.title')}>
      <p>{t('signout.text')}</p>
      {asked && !trouble && <Notice kind="info" title={t('passkeys.reverify')} />}
      {trouble && !asking && <Notice kind="error" title={trouble} />}
      <div class="actions">
        <Button busy={busy === 'here'} onClick={() => start('here')}>
          {t('signout.here')}
        </Button>
        <Button busy={busy === 'everywhere'} onClick={() => start('everywhere')}>
          {t('signout.everywhere')}
        </Button>
      </div>
      <p class="muted">{t('signout.everywhereHint')}</p>
      {recent.length > 0 && onRemove && (
        <section class="recent-passkeys" aria-labelledby="recent-passkeys-title">
          <h3 id="recent-passkeys-title">{t('signout.recentTitle')}</h3>
          <p>{t('signout.recentText')}</p>
          <ul aria-labelledby="recent-passkeys-title">
            {recent.map((passkey) => (
              <li key={passkey.id}>
                <p>
                  <strong>{passkey.name}</strong>{' '}
                  {t('passkeys.created', { time: formatDateTime(passkey.createdAt) })}
                </p>
                <Button variant="danger" onClick={() => onRemove(passkey)}>
                  {t('passkeys.remove')}
                  <span class="visually-hidden"> {passkey.name}</span>
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Dialog
        id="signout-unsent"
        title={t('signout.unsentTitle')}
        open={asking !== null}
        onClose={() => {
          setAsking(null);
          setTrouble(null);
        }}
      >
        {/* The changes may be sent while the dialog is open (the connection came back). */}
        {waiting > 0 ? (
          <p>{t('signout.unsentText', { count: waiting })}</p>
        ) : (
          <p>{t('signout.allSentNow')}</p>
        )}
        {trouble && <Notice kind="error" title={trouble} />}
        <div class="actions">
          {waiting > 0 ? (
            <>
              <Button variant="primary" busy={busy === 'send'} onClick={() => void sendFirst()}>
                {t('signout.sendFirst')}
              </Button>
              <Button
                variant="danger"
                busy={busy === asking}
                onClick={() => asking && void go(asking)}
              >
                {t('signout.anyway')}
              </Button>
            </>
          ) : (
            <>
              <Button
                variant="primary"
                busy={busy === asking}
                onClick={() => asking && void go(asking)}
              >
                {asking === 'everywhere' ? t('signout.everywhere') : t('signout.here')}
              </Button>
              <Button onClick={() => setAsking(null)}>{t('action.cancel')}</Button>
            </>
          )}
        </div>
      </Dialog>
    </Card>
  );
}
