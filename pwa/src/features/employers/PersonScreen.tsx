import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { ConfirmDialog } from '../../components/Dialog/Dialog';
import { SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { currentLocale, LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { describe } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { NoticeText, type PrivacyNotice } from '../privacy/NoticeText';
import { noticeInWords } from './EmployerScreen';
import { PersonForm } from './PersonForm';
import './Employers.css';

/** The notice as plain text, for an e-mail the coach sends from their own phone. */
function noticeText(notice: PrivacyNotice): string {
  return [notice.title, notice.intro, ...notice.sections.flatMap((s) => [s.heading, ...s.paragraphs])].join('\n\n');
}

/**
 * `/employers/:id/people/:person`: a person at an employer — change or remove what is kept, and
 * give them the organisation's notice about it (shown here, sent by e-mail, and recorded).
 */
export default function PersonScreen({ params }: { params: Record<string, string> }) {
  const employerId = params.id ?? '';
  const personId = params.person ?? '';
  const employer = useResource(
    () => api.get('/api/employers/{employer_id}', { path: { employer_id: employerId } }),
    [employerId],
  );
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const notice = useResource(
    () => api.get('/api/privacy-notice', { query: { locale: language, audience: 'employer_contact' } }),
    [language],
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const back = { href: `/employers/${employerId}`, label: employer.data?.name ?? t('employers.title') };
  const person = employer.data?.people.find((p) => p.id === personId);
  if (!employer.data || !person) {
    return (
      <Page title={employer.data ? t('contacts.notFound') : t('app.loading')} back={back}>
        <LoadState loading={employer.loading} trouble={employer.trouble} />
        {employer.data && <p>{t('contacts.notFound')}</p>}
      </Page>
    );
  }
  const data = employer.data;
  const replace = (next: typeof person) =>
    employer.set({ ...data, people: data.people.map((p) => (p.id === next.id ? next : p)) });

  async function given() {
    if (!notice.data || !person) return;
    setBusy(true);
    setTrouble(null);
    try {
      replace(
        await api.post('/api/employer-people/{person_id}/notice', {
          path: { person_id: person.id },
          body: { version: notice.data.version },
        }),
      );
      setSaved(t('contacts.noticeSaved'));
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!person) return;
    setBusy(true);
    try {
      await api.delete('/api/employer-people/{person_id}', { path: { person_id: person.id } });
      navigate(`/employers/${employerId}`, { replace: true });
    } catch (error) {
      setTrouble(describe(error).title);
      setBusy(false);
      setConfirming(false);
    }
  }

  const mail =
    notice.data && person.email
      ? `mailto:${encodeURIComponent(person.email)}?subject=${encodeURIComponent(notice.data.title)}&body=${encodeURIComponent(noticeText(notice.data))}`
      : null;
  return (
    <Page title={person.name} titleDir="auto" back={back}>
      {trouble && <Notice kind="error" title={trouble} />}
      {saved && <Notice kind="success" title={saved} />}
      <Card id="person" title={t('contacts.details')}>
        <PersonForm
          employerId={employerId}
          person={person}
          onSaved={(next) => {
            replace(next);
            setSaved(t('contacts.saved'));
          }}
        />
      </Card>
      <Card id="person-notice" title={t('contacts.noticeTitle')}>
        <p>{noticeInWords(person)}</p>
        <p>{t('contacts.noticeWhy')}</p>
        <SelectField
          id="notice-language"
          label={t('contacts.noticeLanguage')}
          value={language}
          onValue={(value) => setLanguage(value as Locale)}
        >
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </SelectField>
        {notice.data ? (
          <details class="notice-text__more">
            <summary>{t('contacts.noticeShow')}</summary>
            <NoticeText notice={notice.data} id="contact-notice" />
          </details>
        ) : (
          <LoadState loading={notice.loading} trouble={notice.trouble} />
        )}
        <div class="actions">
          {mail && <LinkButton href={mail}>{t('contacts.noticeSend')}</LinkButton>}
          <Button variant="primary" busy={busy} onClick={() => void given()}>
            {t('contacts.noticeGiven')}
          </Button>
        </div>
      </Card>
      <Card id="person-remove" title={t('contacts.removeTitle')}>
        <p>{t('contacts.removeText')}</p>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {t('contacts.remove')}
        </Button>
      </Card>
      <ConfirmDialog
        id="remove-person"
        title={t('contacts.removeConfirm', { name: person.name })}
        open={confirming}
        confirmLabel={t('contacts.remove')}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </Page>
  );
}
