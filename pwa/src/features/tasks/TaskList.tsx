import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { TaskCards } from './TaskCards';

/** `/tasks`: the client's tasks (also a shortcut of the installed app). */
export default function TaskList() {
  return (
    <Page title={t('tasks.title')} titleId="tasks-title">
      <p class="lead">{t('tasks.intro')}</p>
      <TaskCards labelledBy="tasks-title" />
    </Page>
  );
}
