import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { Button, LinkButton } from '../../../components/Button/Button';
import { Card } from '../../../components/Card/Card';
import { Form, TextField } from '../../../components/Field/Field';
import { LoadState } from '../../../components/Loading/Loading';
import { Notice } from '../../../components/Notice/Notice';
import { Page } from '../../../components/Page/Page';
import { t } from '../../../i18n';
import { describe } from '../../../lib/errors';
import { useResource } from '../../../lib/useResource';
import { builderBack, fetchTask, type Step, type TaskDetail } from './coach';
import { ShareTask } from './ShareTask';
import { StepCard } from './StepCard';
import './Coach.css';

/**
 * `/tasks/:id/edit`: the coach builds a task step by step on the phone, with one hand: each
 * step a photo, one plain sentence and an optional voice prompt; steps move up and down with
 * buttons (no dragging), and the main actions sit at the bottom, under the thumb.
 */
export default function TaskBuilder({ params }: { params: Record<string, string> }) {
  const taskId = params.id ?? '';
  const task = useResource(() => fetchTask(taskId), [taskId]);
  const [sentence, setSentence] = useState('');
  const [sentenceTrouble, setSentenceTrouble] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState<string | null>(null);
  const [workplace, setWorkplace] = useState<string | null>(null);
  const [aboutTrouble, setAboutTrouble] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [savingAbout, setSavingAbout] = useState(false);

  const data = task.data;
  if (!data) {
    return (
      <Page title={task.trouble ? t('builder.notFound') : t('app.loading')} back={builderBack(undefined)}>
        <LoadState loading={task.loading} trouble={task.trouble} />
      </Page>
    );
  }

  function setStep(step: Step) {
    if (!data) return;
    task.set({ ...data, steps: data.steps.map((s) => (s.id === step.id ? step : s)) });
  }

  async function addStep() {
    setSentenceTrouble(null);
    if (!sentence.trim()) {
      setSentenceTrouble(t('builder.sentenceMissing'));
      return;
    }
    setAdding(true);
    try {
      const next = await api.post('/api/tasks/{task_id}/steps', {
        path: { task_id: taskId },
        body: { text: sentence.trim() },
      });
      task.set(next);
      setSentence('');
      setMessage({ kind: 'success', text: t('builder.added', { number: next.steps.length }) });
      // Next comes the new step's photo: bring its field into view, under the thumb.
      const added = next.steps[next.steps.length - 1];
      requestAnimationFrame(() =>
        document.getElementById(`step-${added?.id ?? ''}-photo`)?.scrollIntoView({ block: 'center' }),
      );
    } catch (error) {
      const trouble = describe(error);
      setSentenceTrouble(trouble.fields.text ?? trouble.title);
    } finally {
      setAdding(false);
    }
  }

  async function move(step: Step, by: -1 | 1) {
    if (!data) return;
    const ids = data.steps.map((s) => s.id);
    const at = ids.indexOf(step.id);
    const to = at + by;
    if (at < 0 || to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to] as string, ids[at] as string];
    try {
      const next = await api.put('/api/tasks/{task_id}/order', {
        path: { task_id: taskId },
        body: { stepIds: ids },
      });
      task.set(next);
      setMessage({ kind: 'success', text: t('builder.moved', { number: to + 1 }) });
      // Keep the keyboard on the step that moved: its same button, or the other one at an end.
      requestAnimationFrame(() => {
        const base = `step-${step.id}`;
        const same = document.getElementById(`${base}-${by < 0 ? 'up' : 'down'}`);
        (same ?? document.getElementById(`${base}-${by < 0 ? 'down' : 'up'}`))?.focus();
      });
    } catch (error) {
      setMessage({ kind: 'error', text: describe(error).title });
    }
  }

  async function saveAbout(current: TaskDetail) {
    setSavingAbout(true);
    setAboutTrouble({});
    try {
      task.set(
        await api.patch('/api/tasks/{task_id}', {
          path: { task_id: taskId },
          body: { title: (title ?? current.title).trim(), workplace: (workplace ?? current.workplace).trim() },
        }),
      );
      setTitle(null);
      setWorkplace(null);
      setMessage({ kind: 'success', text: t('builder.aboutSaved') });
    } catch (error) {
      const trouble = describe(error);
      setAboutTrouble(Object.keys(trouble.fields).length ? trouble.fields : { title: trouble.title });
    } finally {
      setSavingAbout(false);
    }
  }

  return (
    <Page title={data.title} titleDir="auto" back={builderBack(data)}>
      {data.isTemplate && <p class="muted">{t('builder.isTemplate')}</p>}
      <details class="task-about">
        <summary>{t('builder.about')}</summary>
        <Form onSubmit={() => void saveAbout(data)} label={t('builder.about')}>
          <TextField
            id="task-title"
            label={t('builder.title')}
            value={title ?? data.title}
            maxLength={120}
            error={aboutTrouble.title}
            onValue={setTitle}
          />
          <TextField
            id="task-workplace"
            label={t('builder.workplace')}
            value={workplace ?? data.workplace}
            maxLength={120}
            error={aboutTrouble.workplace}
            onValue={setWorkplace}
          />
          <Button type="submit" busy={savingAbout}>
            {t('builder.saveAbout')}
          </Button>
        </Form>
      </details>
      <h2 id="steps-title">{t('builder.steps', { count: data.steps.length })}</h2>
      {data.steps.length === 0 ? (
        <p>{t('builder.noSteps')}</p>
      ) : (
        <ol class="step-cards" aria-labelledby="steps-title">
          {data.steps.map((step, index) => (
            <StepCard
              key={step.id}
              taskId={taskId}
              step={step}
              number={index + 1}
              count={data.steps.length}
              onTask={task.set}
              onStep={setStep}
              onMove={(s, by) => void move(s, by)}
              onRemoved={() => {
                setMessage({ kind: 'success', text: t('builder.removed') });
                void task.reload();
              }}
            />
          ))}
        </ol>
      )}
      <div aria-live="polite">{message && <Notice kind={message.kind} title={message.text} live={false} />}</div>
      <Card id="add-step" title={t('builder.addTitle', { number: data.steps.length + 1 })}>
        <Form onSubmit={() => void addStep()} label={t('builder.addTitle', { number: data.steps.length + 1 })}>
          <TextField
            id="new-step"
            label={t('builder.sentence')}
            hint={t('builder.sentenceHint')}
            value={sentence}
            maxLength={140}
            error={sentenceTrouble ?? undefined}
            onValue={setSentence}
          />
          <Button type="submit" variant="primary" block busy={adding}>
            {t('builder.add')}
          </Button>
        </Form>
      </Card>
      <nav class="task-actions" aria-label={t('builder.actions')}>
        <LinkButton href={`/tasks/${taskId}/preview`} variant="primary" block>
          {t('builder.preview')}
        </LinkButton>
        {!data.isTemplate && (
          <>
            <LinkButton href={`/tasks/${taskId}/training`} block>
              {t('training.open')}
            </LinkButton>
            <LinkButton href={`/tasks/${taskId}/progress`} block>
              {t('progress.open')}
            </LinkButton>
          </>
        )}
      </nav>
      <ShareTask task={data} />
    </Page>
  );
}
