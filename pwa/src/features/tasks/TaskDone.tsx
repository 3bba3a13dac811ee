import { useLayoutEffect, useRef } from 'preact/hooks';
import { Button, LinkButton } from '../../components/Button/Button';
import { Icon } from '../../components/Icon/Icon';
import type { Run } from '../../data/runs';
import { useStored } from '../../data/store';
import { fetchMyProgress, progressKey, type MyProgress, type Player } from '../../data/tasks';
import { t } from '../../i18n';
import { formatSessionDay, isTodaySession } from './sessionDay';

/** Steps done in this go without asking for help or opening a mastered step's picture. */
function onYourOwn(player: Player, run: Run): number {
  return player.steps.filter(
    (step) => run.done[step.id] && !run.help.includes(step.id) && !run.pictures.includes(step.id),
  ).length;
}

/**
 * "You did 9 of 10 steps on your own today": the coach's record of today's training from the
 * server when it can be asked (`my-progress`), else counted from this go on the phone.
 */
function progressSentence(
  player: Player,
  run: Run,
  fresh: MyProgress | undefined,
  saved: MyProgress | undefined,
): { today: string; before: string | null } {
  const latest = fresh?.latest;
  if (latest && isTodaySession(latest.date, latest.at)) {
    const previous = fresh.previous;
    return {
      today: t('done.onYourOwnToday', { done: latest.onYourOwn, count: latest.total }),
      before: previous
        ? t('done.before', { date: formatSessionDay(previous.date, previous.at), done: previous.onYourOwn, count: previous.total })
        : null,
    };
  }
  const last = (fresh ?? saved)?.latest;
  return {
    today: t('done.onYourOwnToday', { done: onYourOwn(player, run), count: player.steps.length }),
    before:
      last && !isTodaySession(last.date, last.at)
        ? t('done.before', { date: formatSessionDay(last.date, last.at), done: last.onYourOwn, count: last.total })
        : null,
  };
}

/** The end of a task: what the client did, in plain words, and their progress. */
export function TaskDone({
  taskId,
  player,
  run,
  onAgain,
}: {
  taskId: string;
  player: Player;
  run: Run;
  onAgain: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const progress = useStored(progressKey(taskId), () => fetchMyProgress(taskId), [taskId, run.runId]);
  useLayoutEffect(() => heading.current?.focus(), []);
  // Only the server's answer of now counts as "today"; a copy saved earlier is older news.
  const fresh = progress.savedAt === null ? progress.data : undefined;
  const sentence = progressSentence(player, run, fresh, progress.data);
  const help = run.help.length;
  const pictures = run.pictures.length;
  return (
    <section class="task-done" aria-labelledby="done-title">
      <h2 id="done-title" tabIndex={-1} ref={heading}>
        {t('done.title')}
      </h2>
      <p class="lead">{t('done.allSteps', { count: player.steps.length })}</p>
      <ol class="task-done__steps" aria-label={t('done.listLabel')}>
        {player.steps.map((step) => (
          <li key={step.id}>
            <Icon name="check" />
            <span dir="auto">{step.text}</span>
          </li>
        ))}
      </ol>
      {pictures > 0 && <p>{t('done.pictures', { count: pictures })}</p>}
      {help > 0 && <p>{t('done.help', { count: help })}</p>}
      <p class="task-done__progress">{sentence.today}</p>
      {sentence.before && <p>{sentence.before}</p>}
      <div class="actions">
        <LinkButton href="/tasks" variant="primary" block>
          {t('done.backToTasks')}
        </LinkButton>
        <Button onClick={onAgain}>{t('done.again')}</Button>
      </div>
    </section>
  );
}
