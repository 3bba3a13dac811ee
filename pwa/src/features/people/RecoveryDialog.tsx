import { useState } from 'preact/hooks';
import { api, type Invitation } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Dialog } from '../../components/Dialog/Dialog';
import { Choices } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe } from '../../lib/errors';
import { InvitationResult } from '../invitations/InvitationResult';

type Delivery = 'qr' | 'link';

/**
 * "New link for a lost phone": a one-time link with which the person makes a new passkey on a
 * new device. Their other passkeys keep working until they are removed or revoked.
 */
export function RecoveryDialog({
  person,
  onClose,
}: {
  person: { id: string; displayName: string } | null;
  onClose: () => void;
}) {
  const [delivery, setDelivery] = useState<Delivery>('qr');
  const [result, setResult] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    setResult(null);
    setError(null);
    onClose();
  }

  async function make() {
    if (!person) return;
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api.post('/api/people/{user_id}/recovery', {
          path: { user_id: person.id },
          body: { delivery },
        }),
      );
    } catch (e) {
      setError(describe(e).title);
    } finally {
      setBusy(false);
    }
  }

  const name = person?.displayName ?? '';
  return (
    <Dialog
      id="recovery"
      title={result ? t('invite.result.title', { name }) : t('recovery.title', { name })}
      open={person !== null}
      onClose={close}
    >
      {result ? (
        <InvitationResult invitation={result} titled={false} />
      ) : (
        <>
          <p>{t('recovery.text', { name })}</p>
          {error && <Notice kind="error" title={error} />}
          <Choices
            id="recovery-delivery"
            legend={t('invite.delivery')}
            value={delivery}
            onValue={setDelivery}
            choices={[
              { value: 'qr', label: t('invite.delivery.qr'), hint: t('invite.delivery.qrHint') },
              { value: 'link', label: t('invite.delivery.link'), hint: t('invite.delivery.linkHint') },
            ]}
          />
        </>
      )}
      <div class="actions">
        {!result && (
          <Button variant="primary" busy={busy} onClick={() => void make()}>
            {t('recovery.make')}
          </Button>
        )}
        <Button onClick={close}>{result ? t('action.close') : t('action.cancel')}</Button>
      </div>
    </Dialog>
  );
}
