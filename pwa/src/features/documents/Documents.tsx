import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import './Documents.css';

type Kind = 'cv' | 'about-me';

/**
 * The CV and the "about me" made from the client's approved profile: open to view, or save.
 * On the client's profile screen (`mine`) in "your" words; on staff's client page and profile
 * view with a language choice, since a coach makes them in the language an employer reads.
 */
export function DocumentsCard({ clientId, mine = false }: { clientId: string; mine?: boolean }) {
  const [language, setLanguage] = useState<Locale | ''>('');
  const found = useResource(
    () =>
      api.get('/api/clients/{client_id}/documents', {
        path: { client_id: clientId },
        query: language ? { language } : {},
      }),
    [clientId, language],
  );
  const data = found.data;
  const names: Record<Kind, string> = {
    cv: t(mine ? 'documents.yourCv' : 'documents.cv'),
    'about-me': t('documents.aboutMe'),
  };
  return (
    <Card id="documents" title={t(mine ? 'documents.yourTitle' : 'documents.title')}>
      {!data ? (
        <LoadState loading={found.loading} trouble={found.trouble} />
      ) : data.approvedVersion === null ? (
        <p>{t(mine ? 'documents.notYetMine' : 'documents.notYet')}</p>
      ) : (
        <>
          <p>{t('documents.fromVersion', { version: data.approvedVersion })}</p>
          {!mine && (
            <SelectField
              id="documents-language"
              label={t('documents.language')}
              value={data.language}
              onValue={(value) => setLanguage(value as Locale)}
            >
              {LOCALES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LOCALE_NAMES[code]}
                </option>
              ))}
            </SelectField>
          )}
          <ul class="documents" role="list">
            {data.documents.map((document) => (
              <li key={document.kind} class="documents__item">
                <span class="documents__name">{names[document.kind]}</span>
                {/* Plain links: the server answers them with the PDF, not the app. */}
                <a class="button button--primary" href={document.href} target="_blank" rel="noopener">
                  {t('documents.view')}
                  <span class="visually-hidden"> {names[document.kind]}</span>
                </a>
                <a
                  class="button button--secondary"
                  href={document.href}
                  download={`${document.kind}-${data.language}.pdf`}
                >
                  {t('documents.download')}
                  <span class="visually-hidden"> {names[document.kind]}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** The client's own documents (their profile screen, once a version is approved). */
export function MyDocuments() {
  const me = useMe();
  return me.role === 'client' ? <DocumentsCard clientId={me.id} mine /> : null;
}
