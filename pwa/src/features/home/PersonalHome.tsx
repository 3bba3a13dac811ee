import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { WhereIWork } from '../employers/WhereIWork';
import { NewsWaiting } from '../family/NewsWaiting';
import { CurrentGoalCards } from '../goals/MyGoals';
import { NextShift } from '../shifts/NextShift';
import { TaskCards } from '../tasks/TaskCards';

/** A client's home: where they work and the next shift in plain words, then "My tasks" (the
 * first screen of a phone holds them) and "My goals" as big cards, all from the client's day (one
 * request at start, data/day.ts), kept on the phone. A job interview is in "My job search" and
 * its reminder (it comes on the home once the client's day carries it). */
export function ClientHome() {
  const me = useMe();
  return (
    <Page title={t('home.hello', { name: me.displayName })}>
      <NewsWaiting />
      <Card id="next-shift" title={t('shifts.nextTitle')}>
        <WhereIWork />
        <NextShift />
      </Card>
      <Card id="my-tasks" title={t('tasks.title')}>
        <TaskCards labelledBy="my-tasks-title" />
      </Card>
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
