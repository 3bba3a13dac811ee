import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { useSession } from '../../session';
import { DocumentsCard } from '../documents/Documents';
import { ChoicesEditor } from './ChoicesEditor';
import { heading, SECTION_KEYS, useProfile, useTemplate } from './data';
import { SectionEditor } from './SectionEditor';
import './Profile.css';

/**
 * `/clients/:id/profile`: staff write the client's profile with them: each section's words
 * beside the coach's notes, the two choices before employers are contacted, the versions, and
 * "Ask to approve" (a version of the draft the client approves with their passkey), and the
 * CV and the "about me" made from the approved version.
 */
export default function ClientProfile({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { locale } = useSession();
  const profile = useProfile(id);
  const template = useTemplate(profile.data?.templateVersion);
  const words = template.data?.texts[locale] ?? template.data?.texts.en;
  const [asked, setAsked] = useState<number | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = profile.data;
  const back = { href: `/clients/${id}`, label: data?.clientName ?? t('nav.home') };
  if (!data || !words) {
    return (
      <Page title={t('profile.staffTitle')} back={back}>
        <LoadState loading={profile.loading || template.loading} trouble={profile.trouble ?? template.trouble} />
      </Page>
    );
  }

  async function ask() {
    setBusy(true);
    setTrouble(null);
    try {
      const made = await api.post('/api/clients/{client_id}/profile/versions', {
        path: { client_id: id },
        body: { localId: crypto.randomUUID() },
      });
      setAsked(made.number);
      await profile.reload();
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  const approved = data.versions.find((v) => v.number === data.approved);
  return (
    <Page title={t('profile.clientTitle', { name: data.clientName })} back={back}>
      <p class="profile-status" data-approved={data.approved ?? ''}>
        {approved?.approvedAt
          ? t('profile.approvedOn', { number: approved.number, date: formatDateTime(approved.approvedAt) })
          : t('profile.noneApproved')}
      </p>
      {data.waiting !== null && <p class="profile-status">{t('profile.waitingForClient', { number: data.waiting })}</p>}
      {asked !== null && <Notice kind="success" title={t('profile.asked', { number: asked })} />}
      {trouble && <Notice kind="error" title={trouble} />}
      {/* What the approved version makes, first: the sections below are long. */}
      <DocumentsCard clientId={id} />
      {SECTION_KEYS.map((key) => {
        return (
          <Card key={key} id={`card-${key}`} title={heading(words, key)}>
            <SectionEditor
              profile={data}
              sectionKey={key}
              words={words}
              forStaff
              onProfile={() => void profile.reload()}
              reload={profile.reload}
            />
          </Card>
        );
      })}
      <Card id="card-choices" title={t('profile.choices.staffTitle')}>
        <ChoicesEditor
          profile={data}
          forStaff
          isClient={false}
          onProfile={() => void profile.reload()}
          reload={profile.reload}
        />
      </Card>
      <Card id="card-versions" title={t('profile.versions')}>
        {data.versions.length === 0 ? (
          <p>{t('profile.noVersions')}</p>
        ) : (
          <ul class="profile-versions">
            {data.versions.map((v) => (
              <li key={v.number}>
                {v.approvedAt
                  ? t('profile.versionApproved', { number: v.number, date: formatDateTime(v.approvedAt) })
                  : t('profile.versionWaiting', { number: v.number, date: formatDateTime(v.askedAt) })}
              </li>
            ))}
          </ul>
        )}
        {data.draftChanged && <p>{t('profile.draftChanged')}</p>}
        <Button variant="primary" busy={busy} onClick={() => void ask()}>
          {t('profile.ask', { name: data.clientName })}
        </Button>
      </Card>
    </Page>
  );
}
