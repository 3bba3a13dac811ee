import { Icon } from '../../components/Icon/Icon';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { byStatus, fetchMyGoals, GOALS_KEY, type Goal } from '../../data/goals';
import { useDay } from '../../data/day';
import { useStored, type Stored } from '../../data/store';
import { t } from '../../i18n';
import { onLinkClick } from '../../lib/router';
import { useMe } from '../../session';
import { formatDay, startsLater, statusInWords } from './words';
import '../tasks/Tasks.css';
import './Goals.css';

function statusLine(goal: Goal): string {
  if (goal.status === 'draft') return t('goals.status.draft');
  if (goal.status === 'ended') return t('goals.status.ended');
  if (goal.status === 'cancelled') return t('goals.status.cancelled');
  if (startsLater(goal)) return statusInWords(goal);
  return t('goals.until', { date: formatDay(goal.endsOn, 'long') });
}

/** Goals as big cards, each opening the goal: running ones and drafts only when `current`. */
function GoalList({ goals, labelledBy, current }: { goals: Stored<Goal[]>; labelledBy: string; current?: boolean }) {
  const shown = byStatus(goals.data ?? []).filter((goal) =>
    current ? goal.status === 'active' || goal.status === 'draft' : goal.status !== 'cancelled',
  );
  if (goals.data === undefined) return <LoadState loading={goals.loading} trouble={goals.trouble} />;
  if (shown.length === 0) return <p>{t('goals.empty')}</p>;
  return (
    <ul class="task-cards" aria-labelledby={labelledBy}>
      {shown.map((goal) => (
        <li key={goal.id}>
          <a class="task-card" href={`/goals/${goal.id}`} onClick={onLinkClick}>
            <span class="task-card__text">
              <span class="task-card__title" dir="auto">
                {goal.title}
              </span>
              <span class="task-card__detail">{statusLine(goal)}</span>
            </span>
            <Icon name="forward" />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The client's goals (from the copy on the phone, then the server's full list), for `/goals`. */
export function GoalCards({ labelledBy }: { labelledBy: string }) {
  const me = useMe();
  const goals = useStored(GOALS_KEY, () => fetchMyGoals(me), [me.id]);
  return <GoalList goals={goals} labelledBy={labelledBy} />;
}

/** The running goals and drafts on the home, from the client's day (data/day.ts). */
export function CurrentGoalCards({ labelledBy }: { labelledBy: string }) {
  const goals = useDay(GOALS_KEY, (day) => day.goals);
  return <GoalList goals={goals} labelledBy={labelledBy} current />;
}

/** `/goals`: the client's goals, one big card each; they are on the phone for use offline. */
export default function MyGoals() {
  return (
    <Page title={t('goals.title')} titleId="goals-title">
      <p class="lead">{t('goals.intro')}</p>
      <GoalCards labelledBy="goals-title" />
    </Page>
  );
}
