import { useRef, useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { Button, LinkButton } from '../../../components/Button/Button';
import { Choices, Form, TextField } from '../../../components/Field/Field';
import { LoadState } from '../../../components/Loading/Loading';
import { Notice } from '../../../components/Notice/Notice';
import { Page } from '../../../components/Page/Page';
import { enqueue, sentSoon } from '../../../data/outbox';
import { t, type Key } from '../../../i18n';
import { useUnsavedChanges } from '../../../lib/router';
import { useResource } from '../../../lib/useResource';
import { browserZone, dateInWords, todayIn } from '../../shifts/words';
import { LEVELS, fetchTask, isolate, levelName, taskHome, type PromptLevel } from './coach';
import './Coach.css';

const MAX_SECONDS = 24 * 3600;

/**
 * `/tasks/:id/training`: the coach, beside the client, taps for each step the prompt level it
 * needed (one large radio row each) and, if they like, how long it took. The session's date is
 * today at the workplace (the zone of the client's shifts there, else the phone's); a session
 * written down later, from paper, takes its own day: not in the future, not before the task was
 * made. Saving puts the whole session, date and zone with it, in the outbox with a UUID made now
 * (`localId`): it is sent once, now or when the workplace has signal again.
 */
export default function TrainingSession({ params }: { params: Record<string, string> }) {
  const taskId = params.id ?? '';
  const task = useResource(() => fetchTask(taskId), [taskId]);
  const startedAt = useRef(new Date().toISOString());
  const clientId = task.data?.clientId ?? null;
  // The day is counted at the workplace: the zone of the client's shifts there (or of any of
  // their shifts), else this device's. Offline or without shifts, this device's zone.
  const shifts = useResource(
    () =>
      clientId
        ? api.get('/api/clients/{client_id}/shifts', { path: { client_id: clientId } })
        : Promise.resolve([]),
    [clientId],
  );
  const workplace = task.data?.workplace.trim().toLowerCase();
  const zone =
    (shifts.data?.find((shift) => shift.workplace.trim().toLowerCase() === workplace) ?? shifts.data?.[0])
      ?.zone ?? browserZone();
  /** The date the coach chose; null: today at the workplace. */
  const [chosenDate, setDate] = useState<string | null>(null);
  const date = chosenDate ?? todayIn(zone);
  const [levels, setLevels] = useState<Record<string, PromptLevel>>({});
  const [durations, setDurations] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [trouble, setTrouble] = useState<string | null>(null);
  /** After saving: being sent, on the server, or kept on the phone until there is signal. */
  const [saved, setSaved] = useState<'sending' | 'sent' | 'waiting' | null>(null);
  const [busy, setBusy] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  useUnsavedChanges(
    () => saved === null && (Object.keys(levels).length > 0 || Object.values(durations).some((d) => d.trim())),
    t('app.unsaved'),
  );

  const data = task.data;
  if (!data) {
    return (
      <Page title={t('training.title')} back={taskHome(taskId)}>
        <LoadState loading={task.loading} trouble={task.trouble} />
      </Page>
    );
  }

  async function save() {
    if (!data) return;
    setTrouble(null);
    const found: Record<string, string> = {};
    const made = todayIn(zone, Date.parse(data.createdAt));
    // Mirrors the server's rule (backend/tasks/training.py) so the coach hears it at once.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = t('training.dateMissing');
    else if (date > todayIn(zone)) found.date = t('training.dateFuture');
    else if (date < made) found.date = t('training.dateBeforeTask', { date: dateInWords(made, false) });
    const records = [];
    for (const step of data.steps) {
      const level = levels[step.id];
      const raw = (durations[step.id] ?? '').trim();
      const seconds = raw === '' ? null : Number(raw);
      if (seconds !== null && !(Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_SECONDS)) {
        found[step.id] = t('training.durationInvalid');
      }
      if (level) records.push({ stepId: step.id, level, durationSeconds: seconds });
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    if (records.length === 0) {
      setTrouble(t('training.nothing'));
      return;
    }
    setBusy(true);
    try {
      const localId = crypto.randomUUID();
      await enqueue({
        kind: 'session',
        path: `/api/tasks/${taskId}/sessions`,
        taskId,
        body: { localId, startedAt: startedAt.current, date, zone, records },
      });
      setSaved('sending');
      requestAnimationFrame(() => noticeRef.current?.focus());
      const sent = await sentSoon(localId);
      setSaved(sent ? 'sent' : 'waiting');
    } catch {
      setTrouble(t('training.notSaved'));
    } finally {
      setBusy(false);
    }
  }

  function again() {
    startedAt.current = new Date().toISOString();
    setLevels({});
    setDurations({});
    setSaved(null);
    window.scrollTo(0, 0);
  }

  const recorded = Object.keys(levels).length;
  return (
    <Page title={t('training.title')} back={taskHome(taskId)}>
      <p class="lead" dir="auto">
        {data.title}
      </p>
      {saved ? (
        <>
          <Notice kind="success" title={t('training.saved')} noticeRef={noticeRef}>
            <p>
              {saved === 'sending'
                ? t('training.sending')
                : saved === 'sent'
                  ? t('training.sent')
                  : t('training.waiting')}
            </p>
          </Notice>
          <div class="task-actions">
            <LinkButton href={`/tasks/${taskId}/progress`} variant="primary" block>
              {t('progress.open')}
            </LinkButton>
            <Button block onClick={again}>
              {t('training.another')}
            </Button>
          </div>
        </>
      ) : data.steps.length === 0 ? (
        <p>{t('builder.noSteps')}</p>
      ) : (
        <Form onSubmit={() => void save()} label={t('training.title')}>
          <TextField
            id="date"
            type="date"
            label={t('training.date')}
            hint={t('training.dateHint')}
            value={date}
            error={errors.date}
            onValue={setDate}
          />
          <p>{t('training.intro')}</p>
          {data.steps.map((step, index) => (
            <div class="training-step" key={step.id}>
              <Choices<PromptLevel>
                id={`level-${step.id}`}
                legend={t('training.stepLegend', { number: index + 1, text: isolate(step.text) })}
                value={(levels[step.id] ?? '') as PromptLevel}
                choices={LEVELS.map((level) => ({
                  value: level,
                  label: levelName(level),
                  hint: t(`training.levelHint.${level}` as Key),
                }))}
                onValue={(level) => setLevels({ ...levels, [step.id]: level })}
              />
              <TextField
                id={`duration-${step.id}`}
                label={t('training.duration', { number: index + 1 })}
                value={durations[step.id] ?? ''}
                maxLength={5}
                error={errors[step.id]}
                onValue={(value) => setDurations({ ...durations, [step.id]: value })}
              />
            </div>
          ))}
          {trouble && <Notice kind="error" title={trouble} />}
          <div class="task-actions">
            <p>{t('training.recorded', { count: recorded, total: data.steps.length })}</p>
            <Button type="submit" variant="primary" block busy={busy}>
              {t('training.save')}
            </Button>
          </div>
        </Form>
      )}
    </Page>
  );
}
