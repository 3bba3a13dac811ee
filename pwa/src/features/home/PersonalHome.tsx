import { useEffect, useState } from 'preact/hooks';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Page } from '../../components/Page/Page';
import { DAY_KEY, useDay } from '../../data/day';
import { underWayAt, UPCOMING_KEY, type Occurrence } from '../../data/shifts';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { WhereIWork } from '../employers/WhereIWork';
import { NewsWaiting } from '../family/NewsWaiting';
import { FromWork } from '../handover/FromWork';
import { CurrentGoalCards } from '../goals/MyGoals';
import { NextInterview } from '../opportunities/NextInterview';
import { NextShift } from '../shifts/NextShift';
import { atShift, TaskCards } from '../tasks/TaskCards';

/** The shift under way now, worked out again every half minute from the day on the phone (no
 * location: the shift's own times say the client is at work). */
function useShiftNow(): Occurrence | null {
  const shifts = useDay(UPCOMING_KEY, (day) => day.shifts);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return shifts.data ? underWayAt(shifts.data, now) : null;
}

/** A client's home: where they work and the next shift in plain words, then "My tasks" (the
 * first screen of a phone holds them) and "My goals" as big cards, all from the client's day (one
 * request at start, data/day.ts), kept on the phone. While a shift is under way, that
 * workplace's tasks come first (the "time to start" reminder opens this screen). What people at
 * work said lately and a job interview of the coming week come under the tasks (they must not
 * push them off the first screen). */
export function ClientHome() {
  const me = useMe();
  const shift = useShiftNow();
  // What people at work said of the client's work (the handover pack's readers), from the day.
  const feedback = useDay(DAY_KEY, (day) => day.workFeedback ?? []);
  const here = shift ? (task: Parameters<typeof atShift>[1]) => atShift(shift, task) : undefined;
  return (
    <Page title={t('home.hello', { name: me.displayName })}>
      {shift && here && (
        <Card id="at-work" title={t('home.atWork', { workplace: shift.workplace })}>
          <TaskCards labelledBy="at-work-title" keep={here} emptyText={t('home.atWorkNoTasks')} />
        </Card>
      )}
      <NewsWaiting />
      <Card id="next-shift" title={t('shifts.nextTitle')}>
        <WhereIWork />
        <NextShift />
      </Card>
      <Card id="my-tasks" title={t(here ? 'home.otherTasks' : 'tasks.title')}>
        <TaskCards
          labelledBy="my-tasks-title"
          keep={here ? (task) => !here(task) : undefined}
          emptyText={here ? t('home.noOtherTasks') : undefined}
        />
      </Card>
      <FromWork items={feedback.data ?? []} href={() => '/handover'} />
      <NextInterview />
      <Card id="my-goals" title={t('goals.title')}>
        <CurrentGoalCards labelledBy="my-goals-title" />
        <LinkButton href="/goals">{t('goals.seeAll')}</LinkButton>
      </Card>
      <Card id="easier" title={t('home.easierTitle')}>
        <p>{t('home.easierText')}</p>
        <LinkButton href="/settings" variant="primary">
          {t('home.openSettings')}
        </LinkButton>
      </Card>
    </Page>
  );
}
