import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { fetchMyGoals, GOALS_KEY, rateMyGoal } from '../../data/goals';
import { useStored } from '../../data/store';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { RateForm } from './RateForm';
import { evaluationOpen, formatWeekday, levelInWords, opensOn, quoted } from './words';

/** `/goals/:id/rate`: in the goal's last week the client says how well it went (final evaluation). */
export default function GoalRate({ params }: { params: Record<string, string> }) {
  const me = useMe();
  const id = params.id ?? '';
  const goals = useStored(GOALS_KEY, () => fetchMyGoals(me), [me.id]);
  const goal = goals.data?.find((g) => g.id === id);
  const back = { href: `/goals/${id}`, label: t('goals.backToGoal') };
  if (!goal) {
    return (
      <Page title={t('goals.rate.title')} back={back}>
        <LoadState loading={goals.loading} trouble={goals.trouble} />
      </Page>
    );
  }
  return (
    <Page title={t('goals.rate.title')} back={back}>
      <p class="lead" dir="auto">
        {goal.title}
      </p>
      {evaluationOpen(goal) ? (
        <RateForm
          goalId={goal.id}
          levels={goal.levels}
          current={goal.clientEvaluation}
          legend={t('gas.question')}
          send={(rating, comment) => rateMyGoal(goal.id, rating, comment)}
          onSaved={() => void goals.reload()}
        />
      ) : (
        <p>{t('goals.rate.opensOn', { date: formatWeekday(opensOn(goal)) })}</p>
      )}
      {goal.coachEvaluation && (
        <p>{t('goals.rate.coach', { rating: quoted(levelInWords(goal, goal.coachEvaluation.rating)) })}</p>
      )}
    </Page>
  );
}
