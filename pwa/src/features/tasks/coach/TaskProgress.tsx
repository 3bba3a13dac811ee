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
import { formatSessionDay } from '../sessionDay';
import { levelName, taskHome, type Progress } from './coach';
import { ProgressChart } from './ProgressChart';
import './Coach.css';

function Mastery({ progress }: { progress: Progress }) {
  const criterion = t('progress.criterion', { count: progress.masterySessions });
  if (progress.sessionsToMastery !== null && progress.sessionsToMastery !== undefined) {
    return (
      <Notice kind="success" title={t('progress.mastered', { count: progress.sessionsToMastery })} live={false}>
        <p>{t('progress.days', { count: progress.daysToIndependence ?? 0 })}</p>
        <p>{criterion}</p>
      </Notice>
    );
  }
  return (
    <Notice kind="info" title={t('progress.notYet')} live={false}>
      <p>{criterion}</p>
    </Notice>
  );
}

/**
 * The latest page with the earlier pages the coach asked for (oldest first, numbered from the
 * task's first session); the summary and the steps' streaks are the latest page's.
 */
function withEarlier(latest: Progress, earlier: Progress[]): Progress {
  if (earlier.length === 0) return latest;
  const pages = [...earlier].reverse().concat(latest);
  const oldest = pages[0] ?? latest;
  return {
    ...latest,
    sessions: pages.flatMap((page) => page.sessions),
    steps: latest.steps.map((step) => ({
      ...step,
      levels: pages.flatMap(
        (page) => page.steps.find((s) => s.stepId === step.stepId)?.levels ?? page.sessions.map(() => null),
      ),
    })),
    firstSessionNumber: oldest.firstSessionNumber,
    olderCursor: oldest.olderCursor,
  };
}

/**
 * `/tasks/:id/progress`: fading, measured. Per session the share of steps done on their own
 * (a chart and, beside it, the same numbers as a table: the table is the real data for screen
 * readers), each step's prompt level over the sessions, mastery and days to independence.
 */
export default function TaskProgress({ params }: { params: Record<string, string> }) {
  const taskId = params.id ?? '';
  const progress = useResource(
    () => api.get('/api/tasks/{task_id}/progress', { path: { task_id: taskId } }),
    [taskId],
  );
  const [criterion, setCriterion] = useState<string | null>(null);
  const [criterionError, setCriterionError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Pages of sessions before the latest, newest of them first; dropped when progress reloads.
  const [earlier, setEarlier] = useState<Progress[]>([]);

  const back = taskHome(taskId);
  const data = progress.data ? withEarlier(progress.data, earlier) : undefined;
  if (!data) {
    return (
      <Page title={t('progress.title')} back={back}>
        <LoadState loading={progress.loading} trouble={progress.trouble} />
      </Page>
    );
  }

  async function saveCriterion() {
    const value = Number(criterion ?? '');
    setCriterionError(undefined);
    if (!Number.isInteger(value) || value < 1 || value > 20) {
      setCriterionError(t('progress.criterionInvalid'));
      return;
    }
    setBusy('criterion');
    try {
      await api.patch('/api/tasks/{task_id}', { path: { task_id: taskId }, body: { masterySessions: value } });
      setCriterion(null);
      setMessage(t('progress.criterionSaved'));
      setEarlier([]);
      await progress.reload();
    } catch (error) {
      setCriterionError(describe(error).title);
    } finally {
      setBusy(null);
    }
  }

  async function markMastered(stepId: string) {
    setBusy(stepId);
    try {
      await api.patch('/api/tasks/{task_id}/steps/{step_id}', {
        path: { task_id: taskId, step_id: stepId },
        body: { mastered: true },
      });
      setMessage(t('progress.stepMastered'));
      setEarlier([]);
      await progress.reload();
    } catch (error) {
      setMessage(describe(error).title);
    } finally {
      setBusy(null);
    }
  }

  async function showEarlier(cursor: string) {
    setBusy('earlier');
    try {
      const page = await api.get('/api/tasks/{task_id}/progress', { path: { task_id: taskId }, query: { cursor } });
      setEarlier((pages) => [...pages, page]);
    } catch (error) {
      setMessage(describe(error).title);
    } finally {
      setBusy(null);
    }
  }

  const sessions = data.sessions;
  // The answer holds the latest sessions; the first of them is not always the task's first.
  const first = data.firstSessionNumber ?? 1;
  return (
    <Page title={t('progress.title')} back={back}>
      <Mastery progress={data} />
      {message && <Notice kind="success" title={message} />}
      {sessions.length === 0 ? (
        <p>{t('progress.noSessions')}</p>
      ) : (
        <>
          <section class="progress-figure" aria-labelledby="per-session">
            <h2 id="per-session">{t('progress.perSession')}</h2>
            {data.olderCursor && (
              <Button busy={busy === 'earlier'} onClick={() => void showEarlier(data.olderCursor ?? '')}>
                {t('progress.earlier')}
              </Button>
            )}
            <ProgressChart progress={data} />
            <table class="data-table">
              <caption class="visually-hidden">{t('progress.perSession')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('progress.session')}</th>
                  <th scope="col">{t('progress.onOwn')}</th>
                  <th scope="col">{t('progress.percent')}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session, index) => (
                  <tr key={session.id}>
                    <th scope="row">
                      {t('progress.sessionNumber', { number: first + index, date: formatSessionDay(session.date, session.startedAt) })}
                    </th>
                    <td>{t('progress.ofSteps', { done: session.independent, count: session.total })}</td>
                    <td class="nowrap">{`${session.independentPercent}\u00a0%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="per-step">
            <h2 id="per-step">{t('progress.perStep')}</h2>
            <ol class="step-progress">
              {data.steps.map((step) => (
                <li key={step.stepId}>
                  <p class="step-progress__text">
                    <strong>{t('builder.stepNumber', { number: step.position })}</strong>{' '}
                    <span dir="auto">{step.text}</span>
                  </p>
                  <ol class="step-progress__levels" aria-label={t('progress.levelsOf', { number: step.position })}>
                    {step.levels.map((level, index) => (
                      <li key={index} class={`level level--${level ?? 'none'}`}>
                        {t('progress.sessionShort', { number: first + index })}: {level ? levelName(level) : t('progress.notRecorded')}
                      </li>
                    ))}
                  </ol>
                  {step.mastered ? (
                    <p>
                      {t('progress.stepIsMastered')}{' '}
                      {t('progress.selfPrompts', { count: step.selfPrompts })}
                    </p>
                  ) : step.readyToFade ? (
                    <Button busy={busy === step.stepId} onClick={() => void markMastered(step.stepId)}>
                      {t('progress.markMastered')}
                      <span class="visually-hidden"> {t('builder.stepNumber', { number: step.position })}</span>
                    </Button>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
      <div class="task-actions">
        <LinkButton href={`/tasks/${taskId}/training`} variant="primary" block>
          {t('training.open')}
        </LinkButton>
      </div>
      <Card id="criterion" title={t('progress.criterionTitle')}>
        <Form onSubmit={() => void saveCriterion()} label={t('progress.criterionTitle')}>
          <TextField
            id="mastery-sessions"
            label={t('progress.criterionLabel')}
            value={criterion ?? String(data.masterySessions)}
            maxLength={2}
            error={criterionError}
            onValue={setCriterion}
          />
          <Button type="submit" busy={busy === 'criterion'}>
            {t('progress.criterionSave')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
