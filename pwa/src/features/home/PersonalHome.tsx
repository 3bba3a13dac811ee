import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { NextShift } from '../shifts/NextShift';
import { TaskCards } from '../tasks/TaskCards';

/** A client's home: the next shift in plain words, then "My tasks" as big cards. */
export function ClientHome() {
  const me = useMe();
  return (
    <Page title={t('home.hello', { name: me.displayName })}>
      <Card id="next-shift" title={t('shifts.nextTitle')}>
        <NextShift />
      </Card>
      <Card id="my-tasks" title={t('tasks.title')}>
        <TaskCards labelledBy="my-tasks-title" />
      </Card>
      <Card id="today" title={t('home.client.todayTitle')}>
        <p>{t('home.client.empty')}</p>
        <ul>
          <li>{t('home.client.goals')}</li>
        </ul>
        <p>{t('home.client.coach')}</p>
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
