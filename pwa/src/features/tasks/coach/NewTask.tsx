import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { Button } from '../../../components/Button/Button';
import { Card } from '../../../components/Card/Card';
import { Form, TextField } from '../../../components/Field/Field';
import { ItemList } from '../../../components/List/List';
import { LoadState } from '../../../components/Loading/Loading';
import { Notice } from '../../../components/Notice/Notice';
import { Page } from '../../../components/Page/Page';
import { t } from '../../../i18n';
import { describe } from '../../../lib/errors';
import { navigate } from '../../../lib/router';
import { useResource } from '../../../lib/useResource';
import { useSession } from '../../../session';
import { JobChoice, workplaceOf } from '../../employers/JobChoice';
import './Coach.css';

/** `/clients/:id/tasks/new`: name the task and its workplace, or start from a template. */
export default function NewTask({ params }: { params: Record<string, string> }) {
  const clientId = params.id ?? '';
  const { locale } = useSession();
  const client = useResource(() => api.get('/api/clients/{client_id}', { path: { client_id: clientId } }), [clientId]);
  const templates = useResource(() => api.get('/api/tasks/templates'), []);
  const [title, setTitle] = useState('');
  const [workplace, setWorkplace] = useState('');
  const [jobId, setJobId] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function create() {
    setFields({});
    setTrouble(null);
    if (!title.trim()) {
      setFields({ title: t('builder.titleMissing') });
      return;
    }
    setBusy('new');
    try {
      const task = await api.post('/api/clients/{client_id}/tasks', {
        path: { client_id: clientId },
        // The task's words are in the language the coach writes in: their app's.
        body: { title: title.trim(), workplace: workplace.trim(), language: locale, jobId: jobId || null },
      });
      navigate(`/tasks/${task.id}/edit`);
    } catch (error) {
      const found = describe(error);
      setFields(found.fields);
      if (!Object.keys(found.fields).length) setTrouble(found.title);
    } finally {
      setBusy(null);
    }
  }

  async function fromTemplate(templateId: string) {
    setTrouble(null);
    setBusy(templateId);
    try {
      const task = await api.post('/api/tasks/{task_id}/copy', {
        path: { task_id: templateId },
        body: { toClientId: clientId },
      });
      navigate(`/tasks/${task.id}/edit`);
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(null);
    }
  }

  const name = client.data?.displayName ?? '';
  return (
    <Page title={t('builder.newTitle')} back={{ href: `/clients/${clientId}`, label: name || t('builder.backToClient') }}>
      {name && <p class="lead">{t('builder.newFor', { name })}</p>}
      {trouble && <Notice kind="error" title={trouble} />}
      <Form onSubmit={() => void create()} label={t('builder.newTitle')}>
        <TextField
          id="task-title"
          label={t('builder.title')}
          hint={t('builder.titleHint')}
          value={title}
          maxLength={120}
          required
          error={fields.title}
          onValue={setTitle}
        />
        <JobChoice
          id="task-job"
          clientId={clientId}
          value={jobId}
          onChoose={(chosen, job) => {
            setJobId(chosen);
            if (job) setWorkplace(workplaceOf(job));
          }}
          error={fields.jobId}
        />
        <TextField
          id="task-workplace"
          label={t('builder.workplace')}
          hint={t('builder.workplaceHint')}
          value={workplace}
          maxLength={120}
          error={fields.workplace}
          onValue={setWorkplace}
        />
        <Button type="submit" variant="primary" block busy={busy === 'new'}>
          {t('builder.create')}
        </Button>
      </Form>
      <Card id="templates" title={t('builder.templates')}>
        {templates.data === undefined ? (
          <LoadState loading={templates.loading} trouble={templates.trouble} />
        ) : templates.data.length === 0 ? (
          <p>{t('builder.noTemplates')}</p>
        ) : (
          <ItemList label={t('builder.templates')}>
            {templates.data.map((template) => (
              <li key={template.id}>
                <p>
                  <strong dir="auto">{template.title}</strong>
                  {template.workplace && (
                    <>
                      {' · '}
                      <span dir="auto">{template.workplace}</span>
                    </>
                  )}
                  {' · '}
                  {t('builder.stepCount', { count: template.stepCount })}
                </p>
                <Button busy={busy === template.id} onClick={() => void fromTemplate(template.id)}>
                  {t('builder.useTemplate')}
                  <span class="visually-hidden"> {template.title}</span>
                </Button>
              </li>
            ))}
          </ItemList>
        )}
      </Card>
    </Page>
  );
}
