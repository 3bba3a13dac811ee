import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, TextAreaField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import type { Evaluation, Goal } from '../../data/goals';
import { formatDateTime, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { emptyLevels, goalErrors, LevelFields, levelsBody } from './GoalFields';
import { GoalPhotoCard } from './GoalPhoto';
import { Levels, Means } from './GoalScreen';
import { RateForm } from './RateForm';
import {
  evaluationOpen,
  formatDay,
  levelInWords,
  MOOD_FACES,
  moodInWords,
  opensOn,
  signed,
  startsLater,
  statusInWords,
} from './words';
import './Goals.css';

function Rating({ goal, who, evaluation }: { goal: Goal; who: string; evaluation: Evaluation | null | undefined }) {
  return (
    <div>
      <dt>{who}</dt>
      {evaluation ? (
        <>
          <dd>
            <strong>
              {signed(evaluation.rating)} <span dir="auto">{levelInWords(goal, evaluation.rating)}</span>
            </strong>
          </dd>
          {evaluation.comment && <dd dir="auto">{evaluation.comment}</dd>}
          <dd>{formatDateTime(evaluation.at)}</dd>
        </>
      ) : (
        <dd>{t('gas.notYet')}</dd>
      )}
    </div>
  );
}

/**
 * Staff end a goal before its last day, saying why (Goal Attainment Scaling: the final
 * evaluation then opens at once).
 */
function EndEarly({ goal, onEnded }: { goal: Goal; onEnded: (goal: Goal) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function end() {
    setError(null);
    setTrouble(null);
    if (!reason.trim()) {
      setError(t('goals.end.error'));
      return;
    }
    setBusy(true);
    try {
      onEnded(await api.post('/api/goals/{goal_id}/end', { path: { goal_id: goal.id }, body: { reason } }));
    } catch (failure) {
      const found = describe(failure);
      if (found.fields.reason) setError(t('goals.end.error'));
      else setTrouble(found.title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="end-early" title={t('goals.end.title')}>
      {trouble && <Notice kind="error" title={trouble} />}
      <Form onSubmit={() => void end()}>
        <TextAreaField
          id={`end-reason-${goal.id}`}
          label={t('goals.end.reason')}
          hint={t('goals.end.reasonHint')}
          value={reason}
          maxLength={500}
          rows={2}
          dir="auto"
          error={error ?? undefined}
          onValue={setReason}
        />
        <Button type="submit" busy={busy}>
          {t('goals.end.button')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * A goal set before levels were written: the coach writes them down with the client,
 * as long as no final evaluation picked one.
 */
function WriteLevels({ goal, onSaved }: { goal: Goal; onSaved: (goal: Goal) => void }) {
  const [levels, setLevels] = useState(emptyLevels);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = goalErrors(trouble?.fields ?? {});

  async function save() {
    setBusy(true);
    setTrouble(null);
    try {
      onSaved(await api.patch('/api/goals/{goal_id}', { path: { goal_id: goal.id }, body: { levels: levelsBody(levels) } }));
    } catch (failure) {
      setTrouble(describe(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="write-levels" title={t('goals.levels.missingTitle')}>
      <p>{t('goals.levels.missing')}</p>
      {trouble && <Notice kind="error" title={Object.keys(errors).length ? t('goals.error.summary') : trouble.title} />}
      <Form onSubmit={() => void save()}>
        <LevelFields id="levels" levels={levels} errors={errors} onChange={setLevels} />
        <Button type="submit" busy={busy}>
          {t('goals.levels.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** `/clients/:id/goals/:goal`: one goal for the coach: check-ins, both ratings side by side. */
export default function CoachGoal({ params }: { params: Record<string, string> }) {
  const clientId = params.id ?? '';
  const goalId = params.goal ?? '';
  const goal = useResource(() => api.get('/api/goals/{goal_id}', { path: { goal_id: goalId } }), [goalId]);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const back = { href: `/clients/${clientId}/goals`, label: t('goals.coach.backToGoals') };
  const data = goal.data;
  if (!data) {
    return (
      <Page title={goal.trouble ? t('goals.notFound') : t('app.loading')} back={back}>
        <LoadState loading={goal.loading} trouble={goal.trouble} />
      </Page>
    );
  }

  async function setStatus(status: 'active' | 'cancelled') {
    setBusy(true);
    setTrouble(null);
    try {
      goal.set(await api.patch('/api/goals/{goal_id}', { path: { goal_id: goalId }, body: { status } }));
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={data.title} titleDir="auto" back={back}>
      <p class="lead">
        {statusInWords(data)} ·{' '}
        {t('goals.period', { from: formatDay(data.startsOn, 'long'), to: formatDay(data.endsOn, 'long') })}
      </p>
      {data.endedEarly && (
        <p dir="auto">
          {t('goals.end.endedWhy', { date: formatDay(data.endedEarly.on, 'long'), reason: data.endedEarly.reason })}
        </p>
      )}
      <Means goal={data} id="means-title" />
      <Levels goal={data} id="levels-title" />
      {!data.levels &&
        (data.status === 'draft' || data.status === 'active') &&
        !data.clientEvaluation &&
        !data.coachEvaluation && <WriteLevels goal={data} onSaved={goal.set} />}
      {trouble && <Notice kind="error" title={trouble} />}
      {(data.status === 'draft' || data.status === 'active') && (
        <div class="actions">
          {data.status === 'draft' && (
            <Button variant="primary" busy={busy} onClick={() => void setStatus('active')}>
              {t('goals.proposed.start')}
            </Button>
          )}
          <Button busy={busy} onClick={() => void setStatus('cancelled')}>
            {t('goals.coach.drop')}
          </Button>
        </div>
      )}
      {data.status !== 'cancelled' && <GoalPhotoCard goal={data} onChange={goal.set} />}
      <Card id="check-ins" title={t('goals.coach.checkIns')}>
        {data.checkIns.length === 0 ? (
          <p>{t('goals.coach.noCheckIns')}</p>
        ) : (
          <ul class="check-in-list" aria-label={t('goals.coach.checkIns')}>
            {data.checkIns.map((c) => (
              <li key={c.id}>
                {c.level === null || c.level === undefined ? (
                  <>
                    <span aria-hidden="true">{MOOD_FACES[c.mood]} </span>
                    <strong>{moodInWords(c.mood)}</strong>
                  </>
                ) : (
                  <strong>
                    {signed(c.level)} <span dir="auto">{levelInWords(data, c.level)}</span>
                  </strong>
                )}{' '}
                · {formatDateTime(c.at)}
                {c.note && <span dir="auto"> · {c.note}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card id="ratings" title={t('gas.sideBySide')}>
        <dl class="gas-side-by-side">
          <Rating goal={data} who={t('gas.client')} evaluation={data.clientEvaluation} />
          <Rating goal={data} who={t('gas.coach')} evaluation={data.coachEvaluation} />
        </dl>
        {data.status !== 'draft' && data.status !== 'cancelled' && !evaluationOpen(data) && (
          <p>{t('gas.opensOn', { date: formatDay(opensOn(data), 'long') })}</p>
        )}
        {data.status !== 'draft' && data.status !== 'cancelled' && evaluationOpen(data) && (
          <RateForm
            goalId={data.id}
            levels={data.levels}
            current={data.coachEvaluation}
            legend={t('gas.coachQuestion')}
            numbers
            onSaved={(result) => result.state === 'sent' && result.goal && goal.set(result.goal)}
          />
        )}
      </Card>
      {data.status === 'active' && !startsLater(data) && !evaluationOpen(data) && (
        <EndEarly goal={data} onEnded={goal.set} />
      )}
    </Page>
  );
}
