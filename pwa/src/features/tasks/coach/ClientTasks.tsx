import { pages } from '../../../api/client';
import { LinkButton } from '../../../components/Button/Button';
import { Card } from '../../../components/Card/Card';
import { LinkList, LinkListItem } from '../../../components/List/List';
import { LoadState } from '../../../components/Loading/Loading';
import { ShowMore } from '../../../components/ShowMore/ShowMore';
import { t } from '../../../i18n';
import { usePages } from '../../../lib/usePages';

/** The client's page, "Tasks": each task with its open requests for help, and "New task". */
export function ClientTasks({ clientId }: { clientId: string }) {
  const tasks = usePages(
    () => pages.first('/api/clients/{client_id}/tasks', { path: { client_id: clientId } }),
    [clientId],
  );
  return (
    <Card id="tasks" title={t('builder.clientTasks')}>
      {tasks.items === undefined ? (
        <LoadState loading={tasks.loading} trouble={tasks.trouble} />
      ) : tasks.items.length === 0 ? (
        <p>{t('builder.clientNoTasks')}</p>
      ) : (
        <ShowMore list={tasks}>
          <LinkList label={t('builder.clientTasks')}>
            {tasks.items.map((task) => (
              <LinkListItem
                key={task.id}
                href={`/tasks/${task.id}/edit`}
                title={task.title}
                detail={[
                  task.workplace,
                  t('builder.stepCount', { count: task.stepCount }),
                  task.openHelpRequests > 0 ? t('builder.openHelp', { count: task.openHelpRequests }) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            ))}
          </LinkList>
        </ShowMore>
      )}
      <LinkButton href={`/clients/${clientId}/tasks/new`} variant="primary" block>
        {t('builder.newTask')}
      </LinkButton>
    </Card>
  );
}
