import { Icon } from '../../components/Icon/Icon';
import { LoadState } from '../../components/Loading/Loading';
import { useDay } from '../../data/day';
import type { Occurrence } from '../../data/shifts';
import { TASKS_KEY, type TaskSummary } from '../../data/tasks';
import { t } from '../../i18n';
import { onLinkClick } from '../../lib/router';
import './Tasks.css';

function TaskCard({ task }: { task: TaskSummary }) {
  const detail = [task.workplace, t('tasks.steps', { count: task.stepCount })].filter(Boolean);
  return (
    <li>
      <a class="task-card" href={`/tasks/${task.id}`} onClick={onLinkClick}>
        <span class="task-card__text">
          {/* The coach's words, marked with their language (the voice that reads them). */}
          <span class="task-card__title" lang={task.language ?? undefined} dir="auto">
            {task.title}
          </span>
          <span class="task-card__detail">{detail.join(' · ')}</span>
        </span>
        <Icon name="forward" />
      </a>
    </li>
  );
}

/** Is this task done at the shift's workplace? The same job when both say theirs; else the same
 * workplace's name. */
export function atShift(shift: Occurrence, task: TaskSummary): boolean {
  if (shift.jobId && task.jobId) return shift.jobId === task.jobId;
  const name = (s: string) => s.trim().toLocaleLowerCase();
  return name(task.workplace) !== '' && name(task.workplace) === name(shift.workplace);
}

interface TaskCardsProps {
  labelledBy?: string;
  /** Only the tasks this keeps (all when omitted). */
  keep?: (task: TaskSummary) => boolean;
  /** Said when no task is kept (the words for "no tasks" when omitted). */
  emptyText?: string;
}

/** "My tasks": one big card per task, each opening the player; an empty state in words. */
export function TaskCards({ labelledBy, keep, emptyText }: TaskCardsProps) {
  const tasks = useDay(TASKS_KEY, (day) => day.tasks.map((task) => task.summary));
  if (tasks.data === undefined) {
    // As tall as one card while loading, so the screen does not jump when it comes.
    return (
      <div class="task-cards__pending">
        <LoadState loading={tasks.loading} trouble={tasks.trouble} />
      </div>
    );
  }
  const shown = keep ? tasks.data.filter(keep) : tasks.data;
  if (shown.length === 0) return <p class="task-cards__empty">{emptyText ?? t('tasks.empty')}</p>;
  return (
    <ul class="task-cards" aria-labelledby={labelledBy}>
      {shown.map((task) => (
        <TaskCard key={task.id} task={task} />
      ))}
    </ul>
  );
}
