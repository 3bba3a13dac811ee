import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import type { Evaluation } from '../../data/goals';
import { formatDateTime, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { GoalPhotoCard } from './GoalPhoto';
import { Means } from './GoalScreen';
import { RateForm } from './RateForm';
import { formatDay, gasInWords, MOOD_FACES, moodInWords, signed } from './words';
import './Goals.css';

function Rating({ who, evaluation }: { who: string; evaluation: Evaluation | null | undefined }) {
  return (
    <div>
      <dt>{who}</dt>
      {evaluation ? (
        <>
          <dd>
            <strong>
              {signed(evaluation.rating)} {gasInWords(evaluation.rating)}
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
        {t(`goals.status.${data.status}`)} ·{' '}
        {t('goals.period', { from: formatDay(data.startsOn, 'long'), to: formatDay(data.endsOn, 'long') })}
      </p>
      <Means goal={data} id="means-title" />
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
                <span aria-hidden="true">{MOOD_FACES[c.mood]} </span>
                <strong>{moodInWords(c.mood)}</strong> · {formatDateTime(c.at)}
                {c.note && <span dir="auto"> · {c.note}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card id="ratings" title={t('gas.sideBySide')}>
        <dl class="gas-side-by-side">
          <Rating who={t('gas.client')} evaluation={data.clientEvaluation} />
          <Rating who={t('gas.coach')} evaluation={data.coachEvaluation} />
        </dl>
        {data.status !== 'draft' && data.status !== 'cancelled' && (
          <RateForm
            goalId={data.id}
            current={data.coachEvaluation}
            legend={t('gas.coachQuestion')}
            numbers
            onSaved={(result) => result.state === 'sent' && result.goal && goal.set(result.goal)}
          />
        )}
      </Card>
    </Page>
  );
}
