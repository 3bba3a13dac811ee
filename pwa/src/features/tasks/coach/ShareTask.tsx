import { useState } from 'preact/hooks';
import { api, pages } from '../../../api/client';
import { Button, LinkButton } from '../../../components/Button/Button';
import { Card } from '../../../components/Card/Card';
import { Form, SelectField, TextField } from '../../../components/Field/Field';
import { Notice } from '../../../components/Notice/Notice';
import { t } from '../../../i18n';
import { describe } from '../../../lib/errors';
import { useResource } from '../../../lib/useResource';
import type { TaskDetail } from './coach';

type Done = { text: string; href: string; link: string };

/** Use a task again: copy it to another client of the caseload, or keep it as a template of
 * the team for a workplace (photos and voice prompts are copied too, by the server). */
export function ShareTask({ task }: { task: TaskDetail }) {
  const caseload = useResource(() => pages.all('/api/clients', { query: { limit: 200 } }), []);
  const others = (caseload.data ?? []).filter((client) => client.id !== task.clientId);
  const [to, setTo] = useState('');
  const [workplace, setWorkplace] = useState(task.workplace);
  const [trouble, setTrouble] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'copy' | 'template' | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  async function copy() {
    setTrouble({});
    setDone(null);
    const target = to || others[0]?.id;
    if (!target) return;
    setBusy('copy');
    try {
      const copied = await api.post('/api/tasks/{task_id}/copy', {
        path: { task_id: task.id },
        body: { toClientId: target },
      });
      const name = others.find((client) => client.id === target)?.displayName ?? '';
      setDone({
        text: t('builder.copied', { name }),
        href: `/tasks/${copied.id}/edit`,
        link: t('builder.openCopy'),
      });
    } catch (error) {
      const found = describe(error);
      setTrouble({ copy: found.fields.toClientId ?? found.title });
    } finally {
      setBusy(null);
    }
  }

  async function keep() {
    setTrouble({});
    setDone(null);
    setBusy('template');
    try {
      const template = await api.post('/api/tasks/{task_id}/template', {
        path: { task_id: task.id },
        body: { workplace: workplace.trim() },
      });
      setDone({
        text: t('builder.templateKept', { workplace: template.workplace || t('builder.anyWorkplace') }),
        href: `/tasks/${template.id}/edit`,
        link: t('builder.openTemplate'),
      });
    } catch (error) {
      const found = describe(error);
      setTrouble({ template: found.fields.workplace ?? found.title });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card id="share" title={t('builder.shareTitle')}>
      {done && (
        <Notice kind="success" title={done.text}>
          <LinkButton href={done.href} variant="quiet">
            {done.link}
          </LinkButton>
        </Notice>
      )}
      {!task.isTemplate && others.length > 0 && (
        <Form onSubmit={() => void copy()} label={t('builder.copy')}>
          <SelectField
            id="copy-to"
            label={t('builder.copyTo')}
            value={to || others[0]?.id || ''}
            error={trouble.copy}
            onValue={setTo}
          >
            {others.map((client) => (
              <option key={client.id} value={client.id}>
                {client.displayName}
              </option>
            ))}
          </SelectField>
          <Button type="submit" busy={busy === 'copy'}>
            {t('builder.copy')}
          </Button>
        </Form>
      )}
      {!task.isTemplate && (
        <Form onSubmit={() => void keep()} label={t('builder.keepTemplate')}>
          <TextField
            id="template-workplace"
            label={t('builder.templateWorkplace')}
            hint={t('builder.templateHint')}
            value={workplace}
            maxLength={120}
            error={trouble.template}
            onValue={setWorkplace}
          />
          <Button type="submit" busy={busy === 'template'}>
            {t('builder.keepTemplate')}
          </Button>
        </Form>
      )}
      {task.isTemplate && <p>{t('builder.templateUse')}</p>}
    </Card>
  );
}
