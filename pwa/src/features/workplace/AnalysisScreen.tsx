import { useEffect, useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField, TextAreaField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { useOutbox } from '../../data/outbox';
import { useSession } from '../../session';
import { t, type Key } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { dateInWords } from '../shifts/words';
import {
  KINDS,
  NOISE,
  PEOPLE,
  WORKPLACE_FIELDS,
  addSupport,
  addTask,
  markReviewed,
  useAnalysis,
  useTemplate,
  waitingFor,
  writeAnalysis,
  type Analysis,
  type AnalysisChange,
  type FieldKey,
  type Support,
  type TaskKind,
  type TemplateText,
  type Written,
} from './data';
import { mismatchInWords } from './words';
import { PhotosCard } from './PhotosCard';
import { Saved } from './Saved';
import './Workplace.css';

type Show = (analysis: Analysis | null, written?: Written['state']) => void;

function useSaving(onShown: Show) {
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<Written['state'] | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  async function run(write: () => Promise<Written>): Promise<boolean> {
    setBusy(true);
    setState(null);
    setTrouble(null);
    try {
      const written = await write();
      onShown(written.shown, written.state);
      setState(written.state);
      return true;
    } catch (error) {
      setTrouble(describe(error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, state, trouble, run };
}

const fieldLabel = (words: TemplateText | undefined, key: FieldKey) => words?.fields[key] ?? t(`workplace.field.${key}` as Key);

function numberOrNull(text: string): number | null {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : null;
}

/** The workplace: the written fields, and the demands in levels the profile also speaks. */
function WorkplaceCard({ analysis, words, onShown }: { analysis: Analysis; words?: TemplateText; onShown: Show }) {
  const [texts, setTexts] = useState(analysis.texts);
  const [noise, setNoise] = useState(analysis.demands.noiseLevel ?? '');
  const [people, setPeople] = useState(analysis.demands.peopleLevel ?? '');
  const [hours, setHours] = useState(analysis.demands.hoursPerWeek?.toString() ?? '');
  const [travel, setTravel] = useState(analysis.demands.travelMinutes?.toString() ?? '');
  const saving = useSaving(onShown);
  const fields = saving.trouble?.fields ?? {};
  const section = words?.sections.workplace;

  function save() {
    const change: AnalysisChange = {
      texts: Object.fromEntries(WORKPLACE_FIELDS.map((k) => [k, texts[k] ?? ''])),
      demands: {
        noiseLevel: noise ? (noise as (typeof NOISE)[number]) : null,
        peopleLevel: people ? (people as (typeof PEOPLE)[number]) : null,
        hoursPerWeek: numberOrNull(hours),
        travelMinutes: numberOrNull(travel),
      },
    };
    void saving.run(() => writeAnalysis(analysis.jobId, change));
  }

  return (
    <Card id="workplace-place" title={section?.heading ?? t('workplace.place')}>
      {section?.question && <p class="workplace-question">{section.question}</p>}
      <Form onSubmit={save} label={section?.heading ?? t('workplace.place')}>
        {saving.trouble && <Notice kind="error" title={saving.trouble.title} />}
        {WORKPLACE_FIELDS.map((k) => (
          <TextAreaField
            key={k}
            id={`workplace-${k}`}
            label={fieldLabel(words, k)}
            value={texts[k] ?? ''}
            onValue={(value) => setTexts({ ...texts, [k]: value })}
            rows={2}
            maxLength={2000}
            dir="auto"
            error={fields[`texts.${k}`]}
          />
        ))}
        <SelectField id="workplace-noise-level" label={t('workplace.noiseLevel')} value={noise} onValue={setNoise} error={fields['demands.noiseLevel']}>
          <option value="">{t('workplace.notSaid')}</option>
          {NOISE.map((level) => (
            <option key={level} value={level}>
              {t(`workplace.noise.${level}` as Key)}
            </option>
          ))}
        </SelectField>
        <SelectField id="workplace-people-level" label={t('workplace.peopleLevel')} value={people} onValue={setPeople} error={fields['demands.peopleLevel']}>
          <option value="">{t('workplace.notSaid')}</option>
          {PEOPLE.map((level) => (
            <option key={level} value={level}>
              {t(`workplace.people.${level}` as Key)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="workplace-hours"
          label={t('workplace.hoursPerWeek')}
          hint={t('workplace.hoursHint')}
          value={hours}
          onValue={setHours}
          maxLength={2}
          error={fields['demands.hoursPerWeek']}
        />
        <TextField
          id="workplace-travel"
          label={t('workplace.travelMinutes')}
          value={travel}
          onValue={setTravel}
          maxLength={3}
          error={fields['demands.travelMinutes']}
        />
        <Button type="submit" variant="primary" busy={saving.busy}>
          {t('workplace.save')}
        </Button>
        <Saved state={saving.state} />
      </Form>
    </Card>
  );
}

/** One written field in its own part: the schedule, the culture and unwritten rules. */
function TextCard({
  analysis,
  words,
  part,
  onShown,
}: {
  analysis: Analysis;
  words?: TemplateText;
  part: 'schedule' | 'culture';
  onShown: Show;
}) {
  const [value, setValue] = useState(analysis.texts[part] ?? '');
  const saving = useSaving(onShown);
  const section = words?.sections[part];
  const title = section?.heading ?? t(`workplace.part.${part}` as Key);
  return (
    <Card id={`workplace-${part}-part`} title={title}>
      <Form onSubmit={() => void saving.run(() => writeAnalysis(analysis.jobId, { texts: { [part]: value } }))} label={title}>
        {saving.trouble && <Notice kind="error" title={saving.trouble.title} />}
        <TextAreaField
          id={`workplace-${part}`}
          label={fieldLabel(words, part)}
          hint={section?.question}
          value={value}
          onValue={setValue}
          rows={4}
          maxLength={2000}
          dir="auto"
          error={saving.trouble?.fields[`texts.${part}`]}
        />
        <Button type="submit" busy={saving.busy}>
          {t('workplace.save')}
        </Button>
        <Saved state={saving.state} />
      </Form>
    </Card>
  );
}

/** "term: meaning", one a line (a line without a colon is a word whose meaning is not written). */
function parseGlossary(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      return at < 0
        ? { term: line, meaning: '' }
        : { term: line.slice(0, at).trim(), meaning: line.slice(at + 1).trim() };
    })
    .filter((entry) => entry.term);
}

function ListsCard({ analysis, words, onShown }: { analysis: Analysis; words?: TemplateText; onShown: Show }) {
  const [glossary, setGlossary] = useState(
    analysis.glossary.map((g) => (g.meaning ? `${g.term}: ${g.meaning}` : g.term)).join('\n'),
  );
  const [adjustments, setAdjustments] = useState(analysis.adjustments.join('\n'));
  const saving = useSaving(onShown);
  const glossaryTitle = words?.sections.glossary?.heading ?? t('workplace.part.glossary');
  const adjustmentsTitle = words?.sections.adjustments?.heading ?? t('workplace.part.adjustments');
  function save() {
    void saving.run(() =>
      writeAnalysis(analysis.jobId, {
        glossary: parseGlossary(glossary),
        adjustments: adjustments
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      }),
    );
  }
  return (
    <Card id="workplace-words" title={`${glossaryTitle} · ${adjustmentsTitle}`}>
      <Form onSubmit={save} label={glossaryTitle}>
        {saving.trouble && <Notice kind="error" title={saving.trouble.title} />}
        <TextAreaField
          id="workplace-glossary"
          label={glossaryTitle}
          hint={t('workplace.glossaryHint')}
          value={glossary}
          onValue={setGlossary}
          rows={4}
          dir="auto"
        />
        <TextAreaField
          id="workplace-adjustments"
          label={adjustmentsTitle}
          hint={t('workplace.adjustmentsHint')}
          value={adjustments}
          onValue={setAdjustments}
          rows={3}
          dir="auto"
        />
        <Button type="submit" busy={saving.busy}>
          {t('workplace.save')}
        </Button>
        <Saved state={saving.state} />
      </Form>
    </Card>
  );
}

function TasksCard({ analysis, words, onShown }: { analysis: Analysis; words?: TemplateText; onShown: Show }) {
  const photoTasks = useResource(
    () => pages.first('/api/clients/{client_id}/tasks', { path: { client_id: analysis.clientId } }),
    [analysis.clientId],
  );
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<TaskKind>('core');
  const [howOften, setHowOften] = useState('');
  const [standard, setStandard] = useState('');
  const [photoTask, setPhotoTask] = useState('new');
  const [takenFrom, setTakenFrom] = useState('');
  const [agreedWith, setAgreedWith] = useState('');
  const [agreedOn, setAgreedOn] = useState('');
  const saving = useSaving(onShown);
  const [missing, setMissing] = useState('');
  const fields = saving.trouble?.fields ?? {};
  const heading = words?.sections.tasks?.heading ?? t('workplace.part.tasks');

  async function add() {
    if (!title.trim()) {
      setMissing(t('workplace.error.title'));
      return;
    }
    setMissing('');
    const done = await saving.run(() =>
      addTask(analysis.jobId, {
        title: title.trim(),
        kind,
        howOften,
        standard,
        newPhotoTask: photoTask === 'new',
        linkTaskId: photoTask && photoTask !== 'new' ? photoTask : null,
        takenFrom,
        agreedWith,
        agreedOn: agreedOn || null,
      }),
    );
    if (done) {
      setTitle('');
      setHowOften('');
      setStandard('');
      setTakenFrom('');
      setAgreedWith('');
      setAgreedOn('');
    }
  }

  return (
    <Card id="workplace-tasks" title={heading}>
      {words?.sections.tasks?.question && <p class="workplace-question">{words.sections.tasks.question}</p>}
      {analysis.tasks.length === 0 ? (
        <p>{t('workplace.noTasks')}</p>
      ) : (
        <ul class="workplace-list" aria-label={heading}>
          {analysis.tasks.map((task) => (
            <li key={task.id} class="workplace-item">
              <p class="workplace-item__title" dir="auto">
                {task.title} <span class="workplace-tag">{t(`workplace.kind.${task.kind}` as Key)}</span>
              </p>
              {task.howOften && <p dir="auto">{t('workplace.howOftenIs', { often: task.howOften })}</p>}
              {task.standard && <p dir="auto">{t('workplace.standardIs', { standard: task.standard })}</p>}
              {task.takenFrom && (
                <p dir="auto">
                  {t('workplace.carved', {
                    from: task.takenFrom,
                    with: task.agreedWith || t('workplace.notSaid'),
                    on: task.agreedOn ? dateInWords(task.agreedOn, false) : t('workplace.notSaid'),
                  })}
                </p>
              )}
              {task.taskId && task.taskTitle ? (
                <LinkButton href={`/tasks/${task.taskId}/edit`}>{t('workplace.openPhotoTask', { title: task.taskTitle })}</LinkButton>
              ) : task.taskId ? (
                <p>{t('workplace.photoTaskWaiting')}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Form onSubmit={() => void add()} label={t('workplace.addTask')}>
        <h3 class="workplace-subheading">{t('workplace.addTask')}</h3>
        {saving.trouble && <Notice kind="error" title={saving.trouble.title} />}
        <TextField id="task-title" label={t('workplace.taskTitle')} value={title} onValue={setTitle} maxLength={120} dir="auto" error={missing || fields.title} />
        <SelectField id="task-kind" label={t('workplace.taskKind')} value={kind} onValue={(v) => setKind(v as TaskKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`workplace.kind.${k}` as Key)}
            </option>
          ))}
        </SelectField>
        <TextField id="task-how-often" label={t('workplace.howOften')} value={howOften} onValue={setHowOften} maxLength={200} dir="auto" />
        <TextAreaField id="task-standard" label={t('workplace.standard')} hint={t('workplace.standardHint')} value={standard} onValue={setStandard} rows={2} maxLength={2000} dir="auto" />
        <SelectField id="task-photo-task" label={t('workplace.photoTask')} value={photoTask} onValue={setPhotoTask} error={fields.linkTaskId || fields.newPhotoTask}>
          <option value="new">{t('workplace.photoTaskNew')}</option>
          <option value="">{t('workplace.photoTaskNone')}</option>
          {(photoTasks.data?.items ?? []).map((task) => (
            <option key={task.id} value={task.id}>
              {t('workplace.photoTaskExisting', { title: task.title })}
            </option>
          ))}
        </SelectField>
        <TextField id="task-taken-from" label={t('workplace.takenFrom')} hint={t('workplace.takenFromHint')} value={takenFrom} onValue={setTakenFrom} maxLength={200} dir="auto" />
        <TextField id="task-agreed-with" label={t('workplace.agreedWith')} value={agreedWith} onValue={setAgreedWith} maxLength={200} dir="auto" />
        <TextField id="task-agreed-on" type="date" label={t('workplace.agreedOn')} value={agreedOn} onValue={setAgreedOn} error={fields.agreedOn} />
        <Button type="submit" variant="primary" busy={saving.busy}>
          {t('workplace.addTask')}
        </Button>
        <Saved state={saving.state} />
      </Form>
    </Card>
  );
}

/** A support whose review day has come: "Mark reviewed", with the day of the next review (or
 * none). Needs a connection: the coach's week reads the answer. Once marked the support is no
 * longer due and this form goes; the card says it was marked. */
function ReviewSupport({
  analysis,
  support,
  onShown,
  onReviewed,
}: {
  analysis: Analysis;
  support: Support;
  onShown: Show;
  onReviewed: (support: Support) => void;
}) {
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const id = `review-${support.id}`;
  async function mark() {
    setBusy(true);
    setTrouble(null);
    try {
      const shown = await markReviewed(analysis.jobId, support.id, next || null);
      onReviewed(support);
      onShown(shown, 'sent');
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form onSubmit={() => void mark()} label={t('workplace.markReviewedFor', { name: support.name })}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <TextField
        id={`${id}-next`}
        type="date"
        label={t('workplace.nextReviewOn')}
        hint={t('workplace.nextReviewHint')}
        value={next}
        onValue={setNext}
        error={trouble?.fields?.nextReviewOn}
      />
      <Button type="submit" busy={busy}>
        {t('workplace.markReviewed')}
      </Button>
    </Form>
  );
}

function SupportsCard({ analysis, onShown }: { analysis: Analysis; onShown: Show }) {
  const employer = useResource(
    () =>
      analysis.employerId
        ? api.get('/api/employers/{employer_id}', { path: { employer_id: analysis.employerId } })
        : Promise.resolve(null),
    [analysis.employerId],
  );
  const [personId, setPersonId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [helpsWith, setHelpsWith] = useState('');
  const [clientOn, setClientOn] = useState('');
  const [personOn, setPersonOn] = useState('');
  const [reviewOn, setReviewOn] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [reviewed, setReviewed] = useState<string | null>(null);
  const saving = useSaving(onShown);
  const fields = { ...(saving.trouble?.fields ?? {}), ...problems };
  const people = employer.data?.people ?? [];

  async function add() {
    const found: Record<string, string> = {};
    if (!personId && !name.trim()) found.name = t('workplace.error.name');
    if (!helpsWith.trim()) found.helpsWith = t('workplace.error.helpsWith');
    setProblems(found);
    if (Object.keys(found).length) return;
    const done = await saving.run(() =>
      addSupport(analysis.jobId, {
        personId: personId || null,
        name: name.trim() || (people.find((p) => p.id === personId)?.name ?? ''),
        role: role.trim() || (people.find((p) => p.id === personId)?.role ?? ''),
        helpsWith: helpsWith.trim(),
        clientAgreedOn: clientOn || null,
        personAgreedOn: personOn || null,
        reviewOn: reviewOn || null,
      }),
    );
    if (done) {
      setPersonId('');
      setName('');
      setRole('');
      setHelpsWith('');
      setClientOn('');
      setPersonOn('');
      setReviewOn('');
    }
  }

  return (
    <Card id="workplace-supports" title={t('workplace.supports')}>
      <p class="workplace-question">{t('workplace.supportsQuestion')}</p>
      {analysis.supports.length === 0 ? (
        <p>{t('workplace.noSupports')}</p>
      ) : (
        <ul class="workplace-list" aria-label={t('workplace.supports')}>
          {analysis.supports.map((s) => (
            <li key={s.id} class="workplace-item">
              <p class="workplace-item__title" dir="auto">
                {s.role ? t('workplace.whoWithRole', { name: s.name, role: s.role }) : s.name}
              </p>
              <p dir="auto">{t('workplace.helpsWithIs', { what: s.helpsWith })}</p>
              <p>
                {t('workplace.agreedClient', { on: s.clientAgreedOn ? dateInWords(s.clientAgreedOn, false) : t('workplace.notYet') })}
                {' · '}
                {t('workplace.agreedPerson', { on: s.personAgreedOn ? dateInWords(s.personAgreedOn, false) : t('workplace.notYet') })}
              </p>
              {s.reviewOn && (
                <p class={s.reviewDue ? 'workplace-due' : undefined}>
                  {s.reviewDue
                    ? t('workplace.reviewDue', { on: dateInWords(s.reviewOn, false) })
                    : t('workplace.reviewOn', { on: dateInWords(s.reviewOn, false) })}
                </p>
              )}
              {s.reviewedOn && <p>{t('workplace.lastReviewed', { on: dateInWords(s.reviewedOn, false) })}</p>}
              {s.reviewDue && (
                <ReviewSupport
                  analysis={analysis}
                  support={s}
                  onShown={onShown}
                  onReviewed={(done) => setReviewed(t('workplace.reviewed', { name: done.name }))}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="workplace-saved" role="status">
        {reviewed}
      </p>
      <Form onSubmit={() => void add()} label={t('workplace.addSupport')}>
        <h3 class="workplace-subheading">{t('workplace.addSupport')}</h3>
        {saving.trouble && <Notice kind="error" title={saving.trouble.title} />}
        {people.length > 0 && (
          <SelectField id="support-person" label={t('workplace.supportPerson')} value={personId} onValue={setPersonId} error={fields.personId}>
            <option value="">{t('workplace.supportPersonNone')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.role ? t('workplace.whoWithRole', { name: p.name, role: p.role }) : p.name}
              </option>
            ))}
          </SelectField>
        )}
        {!personId && (
          <>
            <TextField id="support-name" label={t('workplace.supportName')} value={name} onValue={setName} maxLength={120} dir="auto" error={fields.name} />
            <TextField id="support-role" label={t('workplace.supportRole')} hint={t('workplace.supportRoleHint')} value={role} onValue={setRole} maxLength={120} dir="auto" />
          </>
        )}
        <TextField id="support-helps-with" label={t('workplace.helpsWith')} value={helpsWith} onValue={setHelpsWith} maxLength={300} dir="auto" error={fields.helpsWith} />
        <TextField id="support-client-on" type="date" label={t('workplace.clientAgreedOn', { name: analysis.clientName })} value={clientOn} onValue={setClientOn} />
        <TextField id="support-person-on" type="date" label={t('workplace.personAgreedOn')} value={personOn} onValue={setPersonOn} />
        <TextField id="support-review-on" type="date" label={t('workplace.reviewOnLabel')} value={reviewOn} onValue={setReviewOn} />
        <Button type="submit" variant="primary" busy={saving.busy}>
          {t('workplace.addSupport')}
        </Button>
        <Saved state={saving.state} />
      </Form>
    </Card>
  );
}

function NotesCard({ analysis, onShown }: { analysis: Analysis; onShown: Show }) {
  const [notes, setNotes] = useState(analysis.notes);
  const saving = useSaving(onShown);
  return (
    <Card id="workplace-notes" title={t('workplace.notes')}>
      <Form onSubmit={() => void saving.run(() => writeAnalysis(analysis.jobId, { notes }))} label={t('workplace.notes')}>
        <TextAreaField id="workplace-notes-text" label={t('workplace.notes')} hint={t('workplace.notesHint')} value={notes} onValue={setNotes} rows={3} maxLength={4000} dir="auto" />
        <Button type="submit" busy={saving.busy}>
          {t('workplace.save')}
        </Button>
        <Saved state={saving.state} />
      </Form>
    </Card>
  );
}

/** What of this analysis is still on the phone only, in words. */
function Waiting({ jobId }: { jobId: string }) {
  const outbox = useOutbox();
  const [count, setCount] = useState(0);
  useEffect(() => {
    void waitingFor(jobId).then((items) => setCount(items.length));
  }, [jobId, outbox.waiting]);
  if (count === 0) return null;
  return (
    <Notice kind="info" title={t('workplace.waiting', { count })}>
      <p>{t('workplace.waitingWhy')}</p>
    </Notice>
  );
}

/** `/jobs/:id/analysis`: the coach analyses the client's job at the workplace, on the phone. */
export default function AnalysisScreen({ params }: { params: Record<string, string> }) {
  const jobId = params.id ?? '';
  const { locale } = useSession();
  const stored = useAnalysis(jobId);
  const [shown, setShown] = useState<Analysis | null>(null);
  const analysis = shown ?? stored.data;
  const template = useTemplate(analysis?.templateVersion);
  if (!analysis) {
    return (
      <Page title={stored.trouble ? t('workplace.notFound') : t('app.loading')}>
        <LoadState loading={stored.loading} trouble={stored.trouble} />
      </Page>
    );
  }
  const words = template.data?.texts[locale] ?? template.data?.texts.en;
  const onShown: Show = (next) => {
    if (next) setShown(next);
    else void stored.reload().then(() => setShown(null));
  };
  const back = { href: `/jobs/${jobId}`, label: analysis.jobTitle };
  return (
    <Page title={t('workplace.title', { job: analysis.jobTitle })} titleDir="auto" back={back}>
      <p dir="auto">{t('workplace.intro', { name: analysis.clientName, employer: analysis.employerName || t('workplace.notSaid') })}</p>
      <Waiting jobId={jobId} />
      {analysis.mismatches.length > 0 && (
        <Notice kind="warning" title={t('workplace.mismatches')} live={false}>
          <ul>
            {analysis.mismatches.map((m) => (
              <li key={m.kind}>{mismatchInWords(m, analysis.clientName)}</li>
            ))}
          </ul>
        </Notice>
      )}
      {analysis.reviewsDue > 0 && <Notice kind="warning" title={t('workplace.reviewsDue', { count: analysis.reviewsDue })} live={false} />}
      <WorkplaceCard analysis={analysis} words={words} onShown={onShown} />
      <TextCard analysis={analysis} words={words} part="schedule" onShown={onShown} />
      <TextCard analysis={analysis} words={words} part="culture" onShown={onShown} />
      <ListsCard analysis={analysis} words={words} onShown={onShown} />
      <TasksCard analysis={analysis} words={words} onShown={onShown} />
      <SupportsCard analysis={analysis} onShown={onShown} />
      <PhotosCard analysis={analysis} onShown={onShown} />
      <NotesCard analysis={analysis} onShown={onShown} />
    </Page>
  );
}
