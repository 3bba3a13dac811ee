import { api } from '../../../api/client';
import { LinkButton } from '../../../components/Button/Button';
import { Card } from '../../../components/Card/Card';
import { LinkList, LinkListItem } from '../../../components/List/List';
import { LoadState } from '../../../components/Loading/Loading';
import { t } from '../../../i18n';
import { useResource } from '../../../lib/useResource';

/** The client's page, "Tasks": each task with its open requests for help, and "New task". */
export function ClientTasks({ clientId }: { clientId: string }) {
  const tasks = useResource(
    () => api.get('/api/clients/{client_id}/tasks', { path: { client_id: clientId } }),
    [clientId],
  );
  return (
    <Card id="tasks" title={t('builder.clientTasks')}>
      {tasks.data === undefined ? (
        <LoadState loading={tasks.loading} trouble={tasks.trouble} />
      ) : tasks.data.length === 0 ? (
        <p>{t('builder.clientNoTasks')}</p>
      ) : (
        <LinkList label={t('builder.clientTasks')}>
          {tasks.data.map((task) => (
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
      )}
      <LinkButton href={`/clients/${clientId}/tasks/new`} variant="primary" block>
        {t('builder.newTask')}
      </LinkButton>
    </Card>
  );
}
