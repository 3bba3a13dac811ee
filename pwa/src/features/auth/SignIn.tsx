import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { useSession } from '../../session';
import { getPasskey, passkeysSupported } from './webauthn';

/**
 * Sign in with a passkey: one button, no user name, nothing to remember or type
 * (WCAG 2.2 SC 3.3.8 Accessible Authentication). The device offers its passkeys itself
 * (discoverable credentials, WebAuthn L3 §5.1.4 with an empty allowCredentials).
 */
export function SignIn() {
  const { setMe } = useSession();
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);

  async function signIn() {
    setBusy(true);
    setTrouble(null);
    try {
      const options = await api.post('/api/signin/options');
      const credential = await getPasskey(options.publicKey);
      const me = await api.post('/api/signin', {
        body: { challengeId: options.challengeId, credential },
      });
      await setMe(me);
      if (location.pathname === '/signin') navigate('/', { replace: true });
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('signin.title')}>
      <p class="lead">{t('signin.intro')}</p>
      {!passkeysSupported() && (
        <Notice kind="warning" title={t('passkey.error.unsupported')} />
      )}
      {trouble && (
        <Notice kind="error" title={t('signin.failed')}>
          <p>{trouble.title}</p>
        </Notice>
      )}
      <div class="actions">
        <Button variant="primary" block busy={busy} onClick={() => void signIn()}>
          {busy ? t('signin.busy') : t('signin.button')}
        </Button>
      </div>
      <Card id="signin-new" title={t('signin.newTitle')}>
        <p>{t('signin.newText')}</p>
      </Card>
    </Page>
  );
}
