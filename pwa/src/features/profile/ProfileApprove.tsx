import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { withStepUp } from '../auth/stepup';
import { useProfile, useTemplate, type Version } from './data';
import { VersionView } from './VersionView';
import './Profile.css';

/**
 * `/profile/approve`: the version the coach asked the client to approve, read aloud, and
 * "Approve with your passkey" (a fresh step-up, as agreeing to an agreement).
 */
export default function ProfileApprove() {
  const me = useMe();
  const profile = useProfile(me.id);
  const number = profile.data?.waiting ?? profile.data?.approved ?? null;
  const template = useTemplate(profile.data?.templateVersion);
  const words = template.data?.texts[me.locale as 'en'] ?? template.data?.texts.en;
  const version = useResource<Version | null>(
    () =>
      number === null
        ? Promise.resolve(null)
        : api.get('/api/clients/{client_id}/profile/versions/{number}', {
            path: { client_id: me.id, number },
          }),
    [number],
  );
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const back = { href: '/profile', label: t('profile.myTitle') };
  const shown = version.data;

  async function approve() {
    if (!shown) return;
    setBusy(true);
    setTrouble(null);
    try {
      const approved = await withStepUp(
        () =>
          api.post('/api/clients/{client_id}/profile/versions/{number}/approve', {
            path: { client_id: me.id, number: shown.number },
          }),
        () => setAsking(true),
      );
      version.set(approved);
      await profile.reload();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setAsking(false);
      setBusy(false);
    }
  }

  return (
    <Page title={t('profile.approveTitle')} back={back}>
      {!shown || !words ? (
        number === null && profile.data ? (
          <p>{t('profile.nothingToApprove')}</p>
        ) : (
          <LoadState loading={version.loading || profile.loading} trouble={version.trouble ?? profile.trouble} />
        )
      ) : (
        <>
          <p class="profile-status">
            {shown.approvedAt
              ? t('profile.approvedVersion', { number: shown.number })
              : t('profile.approveIntro', { number: shown.number })}
          </p>
          {trouble && <Notice kind="error" title={trouble.title} />}
          {asking && <Notice title={t('agreements.confirmPasskey')} />}
          <VersionView version={shown} words={words} />
          {!shown.approvedAt && (
            <div class="actions">
              <Button variant="primary" busy={busy} onClick={() => void approve()}>
                {t('profile.approve')}
              </Button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
