import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Form, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t, type Key } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { MinimumWage } from '../employers/MinimumWage';
import { StageTargets } from '../journey/StageTargets';

type Draft = Record<'name' | 'email' | 'phone' | 'address' | 'dpoName' | 'dpoEmail' | 'authority' | 'retentionYears', string>;

const FIELDS: { id: keyof Draft; max: number; type?: 'email'; autoComplete?: string }[] = [
  { id: 'name', max: 120, autoComplete: 'organization' },
  { id: 'email', max: 254, type: 'email', autoComplete: 'email' },
  { id: 'phone', max: 40, autoComplete: 'tel' },
  { id: 'address', max: 200, autoComplete: 'street-address' },
  { id: 'dpoName', max: 120 },
  { id: 'dpoEmail', max: 254, type: 'email' },
  { id: 'authority', max: 200 },
  { id: 'retentionYears', max: 2 },
];

function draftOf(org: Schemas['Organisation']): Draft {
  return {
    name: org.name,
    email: org.email,
    phone: org.phone,
    address: org.address,
    dpoName: org.dpoName,
    dpoEmail: org.dpoEmail,
    authority: org.authority,
    retentionYears: org.retentionYears ? String(org.retentionYears) : '',
  };
}

/**
 * `/organisation` (administrators): the organisation the privacy notice names as responsible
 * for the data — its name and contact, data protection officer, supervisory authority and how
 * long data is kept. Every person reads these in the notice before making their passkey.
 */
export default function OrganisationScreen() {
  const org = useResource(() => api.get('/api/organisation'));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (org.data && draft === null) setDraft(draftOf(org.data));
  }, [org.data]);

  async function save() {
    if (!draft) return;
    setTrouble(null);
    setSaved(false);
    const fields: Record<string, string> = {};
    if (!draft.name.trim()) fields.name = t('organisation.error.name');
    if (!draft.email.trim()) fields.email = t('organisation.error.email');
    const years = draft.retentionYears.trim();
    if (years && !/^\d{1,2}$/.test(years)) fields.retentionYears = t('organisation.error.years');
    if (Object.keys(fields).length) {
      setTrouble({ title: t('form.fixErrors'), fields });
      return;
    }
    setBusy(true);
    try {
      const answer = await api.put('/api/organisation', {
        body: {
          name: draft.name.trim(),
          email: draft.email.trim(),
          phone: draft.phone.trim(),
          address: draft.address.trim(),
          dpoName: draft.dpoName.trim(),
          dpoEmail: draft.dpoEmail.trim(),
          authority: draft.authority.trim(),
          retentionYears: years ? Number(years) : null,
        },
      });
      setDraft(draftOf(answer));
      setSaved(true);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('organisation.title')} back={{ href: '/', label: t('nav.home') }}>
      <p class="lead">{t('organisation.intro')}</p>
      {!draft ? (
        <LoadState loading={org.loading} trouble={org.trouble} />
      ) : (
        <Form onSubmit={() => void save()} label={t('organisation.title')}>
          {trouble && !FIELDS.some((field) => trouble.fields[field.id]) && (
            <Notice kind="error" title={trouble.title} />
          )}
          {FIELDS.map((field) => (
            <TextField
              key={field.id}
              id={field.id}
              type={field.type}
              label={t(`organisation.field.${field.id}` as Key)}
              hint={t(`organisation.hint.${field.id}` as Key)}
              value={draft[field.id]}
              maxLength={field.max}
              autoComplete={field.autoComplete}
              error={trouble?.fields[field.id]}
              onValue={(value) => setDraft({ ...draft, [field.id]: value })}
            />
          ))}
          {saved && <Notice kind="success" title={t('organisation.saved')} />}
          <div class="actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t('organisation.save')}
            </Button>
            <LinkButton href="/privacy-notice">{t('organisation.readNotice')}</LinkButton>
          </div>
        </Form>
      )}
      <StageTargets />
      <MinimumWage />
    </Page>
  );
}
