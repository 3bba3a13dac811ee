import { ClientTasks } from '../tasks/coach/ClientTasks';
import { ClientScreen } from './ClientScreen';

/** `/clients/:id/tasks`: the client's tasks with their open requests for help, and "New task". */
export default function ClientTasksScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  return (
    <ClientScreen clientId={id} title="client.tasksTitle">
      {() => <ClientTasks clientId={id} />}
    </ClientScreen>
  );
}
