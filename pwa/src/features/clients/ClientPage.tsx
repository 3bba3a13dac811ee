import { useState } from 'preact/hooks';
import { api, type Stage } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField } from '../../components/Field/Field';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDate, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { ClientFamily } from '../family/ClientFamily';
import { GoalsAndConversationCards } from '../goals/ClientCards';
import { RecoveryDialog } from '../people/RecoveryDialog';
import { ClientReminders } from '../reminders/ClientReminders';
import { ShiftsEditor } from '../shifts/ShiftsEditor';
import { ClientTasks } from '../tasks/coach/ClientTasks';
import { ClientStaffTools } from './ClientStaffTools';
import { STAGES, stageInWords, stageName } from './stages';
import './ClientPage.css';

/** `/clients/:id`: one client's record for their coach, coordinator or an administrator. */
export default function ClientPage({ params }: { params: Record<string, string> }) {
  const me = useMe();
  const id = params.id ?? '';
  const record = useResource(() => api.get('/api/clients/{client_id}', { path: { client_id: id } }), [id]);
  const [stage, setStage] = useState<Stage | ''>('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryFor, setRecoveryFor] = useState<{ id: string; displayName: string } | null>(null);

  const client = record.data;
  const back = { href: '/', label: me.role === 'admin' ? t('nav.home') : t('client.back') };
  if (!client) {
    return (
      <Page title={record.trouble ? t('client.notFound') : t('app.loading')} back={back}>
        <LoadState loading={record.loading} trouble={record.trouble} />
      </Page>
    );
  }
  const chosen = stage || client.stage;

  async function saveStage() {
    setBusy(true);
    setMessage(null);
    try {
      record.set(await api.patch('/api/clients/{client_id}', { path: { client_id: id }, body: { stage: chosen } }));
      setMessage({ kind: 'success', text: t('client.stageSaved', { stage: stageName(chosen) }) });
    } catch (error) {
      setMessage({ kind: 'error', text: describe(error).title });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={client.displayName} back={back}>
      <dl class="facts">
        <div>
          <dt>{t('client.stage')}</dt>
          <dd>{stageInWords(client.stage)}</dd>
        </div>
        <div>
          <dt>{t('client.coach')}</dt>
          <dd>{client.coachName ?? t('client.noCoach')}</dd>
        </div>
        <div>
          <dt>{t('client.since')}</dt>
          <dd>{formatDate(client.createdAt)}</dd>
        </div>
      </dl>
      {client.supportSummary && (
        <Card id="support" title={t('client.support')}>
          <p>{client.supportSummary}</p>
        </Card>
      )}
      <ClientStaffTools client={client} onChange={record.set} />
      <ClientTasks clientId={id} />
      <Card id="stage" title={t('client.stageTitle')}>
        {message && <Notice kind={message.kind} title={message.text} />}
        <Form onSubmit={() => void saveStage()}>
          <SelectField
            id="stage"
            label={t('client.stage')}
            hint={t('client.stageHint')}
            value={chosen}
            onValue={(value) => setStage(value as Stage)}
          >
            {STAGES.map((value, index) => (
              <option key={value} value={value}>
                {`${index + 1}. ${stageName(value)}`}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="primary" busy={busy}>
            {t('client.saveStage')}
          </Button>
        </Form>
      </Card>
      <Card id="shifts" title={t('shifts.title')}>
        <ShiftsEditor clientId={client.id} level={3} />
      </Card>
      <Card id="reminders" title={t('reminders.title')}>
        <ClientReminders clientId={client.id} />
      </Card>
      <GoalsAndConversationCards clientId={id} />
      <Card id="family" title={t('client.family')}>
        {client.family.length === 0 ? (
          <p>{t('client.noFamily')}</p>
        ) : (
          <ItemList>
            {client.family.map((member) => (
              <li key={member.id}>
                <p class="family-row__name">
                  <strong>{member.displayName}</strong>
                  {member.relation && ` · ${member.relation}`}
                </p>
                <Button variant="secondary" onClick={() => setRecoveryFor(member)}>
                  {t('recovery.button')}
                  <span class="visually-hidden"> {t('recovery.for', { name: member.displayName })}</span>
                </Button>
              </li>
            ))}
          </ItemList>
        )}
        <LinkButton href={`/invite?role=family&client=${encodeURIComponent(id)}`} variant="primary">
          {t('client.inviteFamily')}
        </LinkButton>
      </Card>
      <ClientFamily clientId={client.id} clientName={client.displayName} />
      <Card id="lost-phone" title={t('recovery.cardTitle')}>
        <p>{t('recovery.cardText', { name: client.displayName })}</p>
        <Button onClick={() => setRecoveryFor({ id: client.id, displayName: client.displayName })}>
          {t('recovery.button')}
          <span class="visually-hidden"> {t('recovery.for', { name: client.displayName })}</span>
        </Button>
      </Card>
      <RecoveryDialog person={recoveryFor} onClose={() => setRecoveryFor(null)} />
    </Page>
  );
}
