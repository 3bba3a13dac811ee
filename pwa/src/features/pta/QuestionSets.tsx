import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { currentLocale, formatDateTime, LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { inLocale, type Section } from './texts';
import './Pta.css';

type QuestionSet = Schemas['QuestionSet'];

/** The edit body: keys without the section prefix, blank translations left out (English is kept). */
function editBody(sections: Section[]) {
  const filled = (texts: Record<string, string>) =>
    Object.fromEntries(Object.entries(texts).filter(([, text]) => text.trim())) as Record<Locale, string>;
  return {
    sections: sections.map((s) => ({
      key: s.key,
      titles: filled(s.titles),
      questions: s.questions.map((q) => ({ key: q.key.slice(q.key.indexOf('.') + 1), texts: filled(q.texts) })),
    })),
  };
}

function Editor({ set, onChange }: { set: QuestionSet; onChange: (set: QuestionSet) => void }) {
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const [sections, setSections] = useState<Section[]>(set.sections);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setSections(set.sections), [set]);

  function setText(si: number, qi: number | null, text: string) {
    setSections(
      sections.map((s, i) => {
        if (i !== si) return s;
        if (qi === null) return { ...s, titles: { ...s.titles, [language]: text } };
        return { ...s, questions: s.questions.map((q, j) => (j === qi ? { ...q, texts: { ...q.texts, [language]: text } } : q)) };
      }),
    );
  }

  async function run(action: () => Promise<QuestionSet>, done: string) {
    setBusy(true);
    setTrouble(null);
    setMessage('');
    try {
      onChange(await action());
      setMessage(done);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const path = { set_id: set.id };
  const save = () =>
    run(() => api.put('/api/pta/question-sets/{set_id}', { path, body: editBody(sections) }), t('pta.admin.saved'));
  const publish = () =>
    run(async () => {
      await api.put('/api/pta/question-sets/{set_id}', { path, body: editBody(sections) });
      return api.post('/api/pta/question-sets/{set_id}/publish', { path });
    }, t('pta.admin.published'));

  return (
    <Form onSubmit={() => void save()}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <SelectField
        id="language"
        label={t('pta.admin.language')}
        hint={t('pta.admin.languageHint')}
        value={language}
        onValue={(value) => setLanguage(value as Locale)}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </SelectField>
      {sections.map((section, si) => (
        <fieldset class="proposal question-edit" key={section.key}>
          <legend>{t('pta.admin.sectionN', { n: si + 1 })}</legend>
          <TextField
            id={`title-${section.key}`}
            label={t('pta.admin.sectionTitle')}
            hint={language === 'en' ? undefined : inLocale(section.titles, 'en')}
            value={section.titles[language] ?? ''}
            maxLength={400}
            onValue={(text) => setText(si, null, text)}
          />
          {section.questions.map((q, qi) => (
            <TextField
              key={q.key}
              id={`q-${q.key.replace('.', '-')}`}
              label={t('pta.admin.questionN', { n: qi + 1 })}
              hint={language === 'en' ? undefined : inLocale(q.texts, 'en')}
              value={q.texts[language] ?? ''}
              maxLength={400}
              onValue={(text) => setText(si, qi, text)}
            />
          ))}
        </fieldset>
      ))}
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('pta.admin.save')}
        </Button>
        <Button busy={busy} onClick={() => void publish()}>
          {t('pta.admin.publish')}
        </Button>
      </div>
      <p role="status" class="pta-status">
        {message}
      </p>
    </Form>
  );
}

/** `/pta/questions`: the PTA question set's versions; administrators edit and translate a draft. */
export default function QuestionSets() {
  const me = useMe();
  const list = useResource(() => api.get('/api/pta/question-sets'));
  const newest = list.data?.[0];
  const current = useResource(
    () => (newest ? api.get('/api/pta/question-sets/{set_id}', { path: { set_id: newest.id } }) : Promise.resolve(undefined)),
    [newest?.id],
  );
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = current.data;

  async function newVersion() {
    setBusy(true);
    setTrouble(null);
    try {
      await api.post('/api/pta/question-sets', { body: {} });
      await list.reload();
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('pta.admin.title')}>
      <p class="lead">{t('pta.admin.intro')}</p>
      {list.data === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : (
        <Card id="versions" title={t('pta.admin.versions')}>
          <ul>
            {list.data.map((v) => (
              <li key={v.id}>
                {t('pta.admin.version', { n: v.version })} ·{' '}
                {v.status === 'draft' ? t('pta.admin.draft') : t('pta.admin.publishedOn', { date: formatDateTime(v.publishedAt) })}{' '}
                · {t('pta.admin.used', { count: v.conversations })}
              </li>
            ))}
          </ul>
          {trouble && <Notice kind="error" title={trouble} />}
          {me.role === 'admin' && newest?.status === 'published' && (
            <Button variant="primary" busy={busy} onClick={() => void newVersion()}>
              {t('pta.admin.newVersion')}
            </Button>
          )}
        </Card>
      )}
      {set && (
        <Card id="questions" title={t('pta.admin.versionTitle', { n: set.version })}>
          {set.status === 'draft' && me.role === 'admin' ? (
            <Editor set={set} onChange={(next) => (next.status === 'published' ? void list.reload() : current.set(next))} />
          ) : (
            set.sections.map((section) => (
              <section key={section.key} aria-labelledby={`s-${section.key}`}>
                <h3 id={`s-${section.key}`}>{inLocale(section.titles)}</h3>
                <ul>
                  {section.questions.map((q) => (
                    <li key={q.key}>{inLocale(q.texts)}</li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </Card>
      )}
    </Page>
  );
}
