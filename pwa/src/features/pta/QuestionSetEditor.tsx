import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { ConfirmDialog } from '../../components/Dialog/Dialog';
import { Form, SelectField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { currentLocale, LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useUnsavedChanges } from '../../lib/router';
import { inLocale } from './texts';

type QuestionSet = Schemas['QuestionSet'];

/** A question as edited: `key` is empty for a question added here and not saved yet; `id` names
 * it on the page either way (its key, or the `localId` the server makes its key from). */
interface Question {
  id: string;
  key: string;
  texts: Record<string, string>;
}
interface Section {
  key: string;
  titles: Record<string, string>;
  questions: Question[];
}

const fromSet = (set: QuestionSet): Section[] =>
  set.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ id: q.key, key: q.key, texts: q.texts })) }));

/** The edit body: keys without the section prefix (or a localId for a new question), blank
 * translations left out. */
function editBody(sections: Section[]) {
  const filled = (texts: Record<string, string>) =>
    Object.fromEntries(Object.entries(texts).filter(([, text]) => text.trim())) as Record<Locale, string>;
  return {
    sections: sections.map((s) => ({
      key: s.key,
      titles: filled(s.titles),
      questions: s.questions.map((q) =>
        q.key ? { key: q.key.slice(q.key.indexOf('.') + 1), texts: filled(q.texts) } : { localId: q.id, texts: filled(q.texts) },
      ),
    })),
  };
}

const fieldId = (q: Question) => `q-${q.id.replace(/\./g, '-')}`;

function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** The languages a refused publish names (`sections.2.questions.0.texts.fi`: Finnish is missing). */
function untranslated(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'untranslated') return null;
  const names = Object.keys(error.fields);
  return LOCALES.filter((code) => names.some((name) => name.endsWith(`.${code}`)))
    .map((code) => LOCALE_NAMES[code])
    .join(', ');
}

/** The first text a refusal names: its section, question (none for the title) and language (a
 * save without English names the texts, not a language). */
function firstText(trouble: Trouble) {
  for (const name of Object.keys(trouble.fields)) {
    const m = name.match(/^sections\.(\d+)\.(?:titles|questions\.(\d+)\.texts)(?:\.(\w+))?$/);
    const code = m?.[3] ?? 'en';
    if (m && (LOCALES as readonly string[]).includes(code)) {
      return { si: Number(m[1]), qi: m[2] === undefined ? null : Number(m[2]), language: code as Locale };
    }
  }
  return null;
}

/** A draft version: every title and question in one language at a time; questions added,
 * removed (after a confirmation) and moved within their section. Nothing is kept until saved. */
export function QuestionSetEditor({ set, onChange }: { set: QuestionSet; onChange: (set: QuestionSet) => void }) {
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const [sections, setSections] = useState<Section[]>(() => fromSet(set));
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<{ si: number; qi: number } | null>(null);
  useEffect(() => setSections(fromSet(set)), [set]);
  useUnsavedChanges(
    () => JSON.stringify(editBody(sections)) !== JSON.stringify(editBody(fromSet(set))),
    t('app.unsaved'),
  );

  function setText(si: number, qi: number | null, text: string) {
    setSections(
      sections.map((s, i) => {
        if (i !== si) return s;
        if (qi === null) return { ...s, titles: { ...s.titles, [language]: text } };
        return { ...s, questions: s.questions.map((q, j) => (j === qi ? { ...q, texts: { ...q.texts, [language]: text } } : q)) };
      }),
    );
  }

  /** A change of shape: the server's reasons named fields by their old places, so they go. */
  function reshape(si: number, questions: Question[], said: string) {
    setSections(sections.map((s, i) => (i === si ? { ...s, questions } : s)));
    setTrouble(null);
    setMessage(said);
  }

  function add(si: number) {
    const question: Question = { id: crypto.randomUUID(), key: '', texts: {} };
    const questions = [...(sections[si]?.questions ?? []), question];
    reshape(si, questions, t('ptaEdit.added', { n: questions.length }));
    focusLater(fieldId(question));
  }

  function move(si: number, qi: number, by: -1 | 1) {
    const questions = [...(sections[si]?.questions ?? [])];
    const to = qi + by;
    const moving = questions[qi];
    if (!moving || to < 0 || to >= questions.length) return;
    [questions[qi], questions[to]] = [questions[to] as Question, moving];
    reshape(si, questions, t('ptaEdit.moved', { n: to + 1 }));
    // Keep the keyboard on the question that moved: its same button, or the other one at an end.
    const base = fieldId(moving);
    requestAnimationFrame(() => {
      const same = document.getElementById(`${base}-${by < 0 ? 'up' : 'down'}`);
      (same ?? document.getElementById(`${base}-${by < 0 ? 'down' : 'up'}`))?.focus();
    });
  }

  function remove() {
    if (!removing) return;
    const { si, qi } = removing;
    const questions = (sections[si]?.questions ?? []).filter((_, j) => j !== qi);
    setRemoving(null);
    reshape(si, questions, t('ptaEdit.removed'));
    // The question that took its place, or the one before it when it was the last.
    const next = questions[Math.min(qi, questions.length - 1)];
    if (next) setTimeout(() => focusLater(fieldId(next)), 0);
  }

  /** `shown`: the questions on screen once the action is over (publishing saves first). */
  async function run(action: () => Promise<QuestionSet>, done: string, shown = () => sections) {
    setBusy(true);
    setTrouble(null);
    setMessage('');
    try {
      onChange(await action());
      setMessage(done);
    } catch (error) {
      const described = describe(error);
      const languages = untranslated(error);
      setTrouble(languages === null ? described : { ...described, title: t('ptaEdit.untranslated', { languages }) });
      // Show the first text to fix in its language, with the keyboard on it.
      const first = firstText(described);
      if (first) {
        setLanguage(first.language);
        const section = shown()[first.si];
        const question = first.qi === null ? undefined : section?.questions[first.qi];
        focusLater(question ? fieldId(question) : `title-${section?.key ?? ''}`);
      }
    } finally {
      setBusy(false);
    }
  }

  const path = { set_id: set.id };
  const save = () => api.put('/api/pta/question-sets/{set_id}', { path, body: editBody(sections) });
  const publish = () => {
    let shown = sections;
    return run(
      async () => {
        // Saved first (new questions get their keys), so the reasons name the fields as shown.
        shown = fromSet(await save());
        setSections(shown);
        return api.post('/api/pta/question-sets/{set_id}/publish', { path });
      },
      t('pta.admin.published'),
      () => shown,
    );
  };

  /** The reason next to a field: a missing translation (publishing, said in the person's
   * language), or the server's words (a save without English names the texts). */
  function errorOf(path: string): string | undefined {
    const fields = trouble?.fields ?? {};
    if (language === 'en' && fields[path]) return t('ptaEdit.needEnglish');
    const reason = fields[`${path}.${language}`];
    if (reason && trouble?.code === 'untranslated') return t('ptaEdit.missing', { language: LOCALE_NAMES[language] });
    return reason;
  }

  const removingQuestion = removing ? sections[removing.si]?.questions[removing.qi] : undefined;
  return (
    <Form onSubmit={() => void run(save, t('pta.admin.saved'))}>
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
            error={errorOf(`sections.${si}.titles`)}
            value={section.titles[language] ?? ''}
            maxLength={400}
            lang={language}
            dir={language === 'he' ? 'rtl' : 'ltr'}
            onValue={(text) => setText(si, null, text)}
          />
          {section.questions.map((q, qi) => {
            const id = fieldId(q);
            const n = qi + 1;
            const count = section.questions.length;
            const english = language === 'en' ? '' : q.texts.en?.trim() || t('ptaEdit.noEnglish');
            return (
              <div class="question-edit__item" key={q.id}>
                <TextField
                  id={id}
                  label={q.key ? t('pta.admin.questionN', { n }) : t('ptaEdit.newQuestionN', { n })}
                  hint={english || undefined}
                  error={errorOf(`sections.${si}.questions.${qi}.texts`)}
                  value={q.texts[language] ?? ''}
                  maxLength={400}
                  lang={language}
                  dir={language === 'he' ? 'rtl' : 'ltr'}
                  onValue={(text) => setText(si, qi, text)}
                />
                <div class="question-edit__tools">
                  {qi > 0 && (
                    <Button id={`${id}-up`} onClick={() => move(si, qi, -1)}>
                      {t('builder.moveUp')}
                      <span class="visually-hidden"> {t('ptaEdit.questionInSection', { n, section: si + 1 })}</span>
                    </Button>
                  )}
                  {qi < count - 1 && (
                    <Button id={`${id}-down`} onClick={() => move(si, qi, 1)}>
                      {t('builder.moveDown')}
                      <span class="visually-hidden"> {t('ptaEdit.questionInSection', { n, section: si + 1 })}</span>
                    </Button>
                  )}
                  {count > 1 && (
                    <Button variant="danger" onClick={() => setRemoving({ si, qi })}>
                      {t('builder.remove')}
                      <span class="visually-hidden"> {t('ptaEdit.questionInSection', { n, section: si + 1 })}</span>
                    </Button>
                  )}
                </div>
              </div>
            );
          })}
          <Button onClick={() => add(si)}>
            {t('ptaEdit.add')}
            <span class="visually-hidden"> {t('ptaEdit.toSection', { section: si + 1 })}</span>
          </Button>
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
      <ConfirmDialog
        id="remove-question"
        title={t('ptaEdit.removeTitle', { n: (removing?.qi ?? 0) + 1, section: (removing?.si ?? 0) + 1 })}
        open={removing !== null}
        danger
        confirmLabel={t('ptaEdit.removeConfirm')}
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
      >
        {removingQuestion && <p dir="auto">{inLocale(removingQuestion.texts)}</p>}
        <p>{t('ptaEdit.removeText')}</p>
      </ConfirmDialog>
    </Form>
  );
}
