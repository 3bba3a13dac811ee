import { Icon } from '../../components/Icon/Icon';
import { LoadState } from '../../components/Loading/Loading';
import { useDay } from '../../data/day';
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

/** "My tasks": one big card per task, each opening the player; an empty state in words. */
export function TaskCards({ labelledBy }: { labelledBy?: string }) {
  const tasks = useDay(TASKS_KEY, (day) => day.tasks.map((task) => task.summary));
  if (tasks.data === undefined) {
    // As tall as one card while loading, so the screen does not jump when it comes.
    return (
      <div class="task-cards__pending">
        <LoadState loading={tasks.loading} trouble={tasks.trouble} />
      </div>
    );
  }
  if (tasks.data.length === 0) return <p class="task-cards__empty">{t('tasks.empty')}</p>;
  return (
    <ul class="task-cards" aria-labelledby={labelledBy}>
      {tasks.data.map((task) => (
        <TaskCard key={task.id} task={task} />
      ))}
    </ul>
  );
}
