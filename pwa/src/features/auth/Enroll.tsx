import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t, type Key } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { useSession } from '../../session';
import { NoticeText, audienceOf, type PrivacyNotice } from '../privacy/NoticeText';
import { createPasskey } from './webauthn';

type Invitee = Schemas['Invitee'];

const TOKEN_KEY = 'stepwise.enrollToken';

/**
 * The one-time token travels in the fragment (#…), which never reaches a server log or a
 * Referer header. It is read once, kept for this tab only (a reload still works) and removed
 * from the address bar so it is not left in history or shown over a shoulder.
 */
function takeToken(): string {
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', '/enroll');
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const PURPOSE: Record<Invitee['kind'], Key> = {
  setup: 'enroll.purpose.setup',
  invite: 'enroll.purpose.invite',
  recovery: 'enroll.purpose.recovery',
};

export function Enroll() {
  const { setMe, locale } = useSession();
  const [token] = useState(takeToken);
  const [options, setOptions] = useState<Schemas['CreationOptions'] | null>(null);
  const [linkTrouble, setLinkTrouble] = useState<Trouble | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<PrivacyNotice | null>(null);
  const [noticeFailed, setNoticeFailed] = useState(false);
  const role = options?.invitee?.role;

  // The privacy notice (GDPR Art. 13) in the language of the screen, before the passkey is
  // made; the version and language shown go with the enrollment and are kept with the account.
  useEffect(() => {
    if (!role) return;
    let current = true;
    api
      .get('/api/privacy-notice', { query: { locale, audience: audienceOf(role) } })
      .then((answer) => {
        if (!current) return;
        setNotice(answer);
        setNoticeFailed(false);
      })
      .catch(() => {
        // Enrollment still works; the notice can be read later under Settings.
        if (current) setNoticeFailed(true);
      });
    return () => {
      current = false;
    };
  }, [role, locale]);

  async function loadOptions(): Promise<Schemas['CreationOptions'] | null> {
    if (token.length < 20) {
      setLinkTrouble({ title: t('problem.unknown'), fields: {} });
      return null;
    }
    try {
      const answer = await api.post('/api/enroll/options', { body: { token } });
      setOptions(answer);
      return answer;
    } catch (error) {
      setLinkTrouble(describe(error));
      return null;
    }
  }

  useEffect(() => {
    void loadOptions();
  }, []);

  async function create() {
    if (!options) return;
    setBusy(true);
    setTrouble(null);
    try {
      const credential = await createPasskey(options.publicKey);
      const me = await api.post('/api/enroll', {
        body: {
          token,
          challengeId: options.challengeId,
          // No name: the server names the passkey from its authenticator or this browser.
          credential,
          ...(notice ? { noticeVersion: notice.version, noticeLocale: notice.locale } : {}),
        },
      });
      sessionStorage.removeItem(TOKEN_KEY);
      await setMe(me);
      navigate('/', { replace: true });
    } catch (error) {
      const described = describe(error);
      if (described.fields.token) {
        setLinkTrouble(described);
      } else {
        setTrouble(described);
        // A challenge is single use: fetch fresh options so "try again" works.
        await loadOptions();
      }
    } finally {
      setBusy(false);
    }
  }

  if (linkTrouble) {
    return (
      <Page title={t('enroll.broken.title')}>
        <Notice kind="error" title={linkTrouble.title} />
        <p>{t('enroll.broken.whatToDo')}</p>
        <p class="muted">{t('enroll.broken.signinHint')}</p>
      </Page>
    );
  }

  if (!options?.invitee) {
    return (
      <Page title={t('enroll.loading')}>
        <p role="status" class="loading">
          {t('app.loading')}
        </p>
      </Page>
    );
  }

  const invitee = options.invitee;
  return (
    <Page title={t('enroll.welcome', { name: invitee.displayName })}>
      <p class="lead">{t(PURPOSE[invitee.kind], { role: t(`role.${invitee.role}`) })}</p>
      {notice ? (
        <NoticeText notice={notice} layered />
      ) : noticeFailed ? null : (
        <p role="status" class="loading">
          {t('notice.loading')}
        </p>
      )}
      {/* The button inside its card and the link's lifetime after it: the main action one short
          scroll below the notice's first layer on a phone. */}
      <Card id="enroll-passkey" title={t('enroll.passkeyTitle')}>
        <p>{t('enroll.passkeyText')}</p>
        {trouble && (
          <Notice kind="error" title={t('enroll.failed')}>
            <p>{trouble.title}</p>
          </Notice>
        )}
        <div class="actions">
          <Button variant="primary" block busy={busy} onClick={() => void create()}>
            {busy ? t('enroll.busy') : t('enroll.button')}
          </Button>
        </div>
        <p class="muted">{t('enroll.expires', { time: formatDateTime(invitee.expiresAt) })}</p>
      </Card>
    </Page>
  );
}
