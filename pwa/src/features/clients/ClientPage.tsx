import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ClientDetail, type Schemas, type Stage } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { nextOf } from '../../data/shifts';
import { formatDate, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource, type Resource } from '../../lib/useResource';
import { useMe } from '../../session';
import { GoalsAndConversationCards } from '../goals/ClientCards';
import { FromWork } from '../handover/FromWork';
import { RecoveryDialog } from '../people/RecoveryDialog';
import { nextShiftInWords } from '../shifts/words';
import { ClientStaffTools } from './ClientStaffTools';
import { STAGES, stageInWords, stageName } from './stages';
import './ClientPage.css';

/** The stages in which a client looks for a job: the client's page leads to the job search. */
const SEARCHING: string[] = ['profiling', 'job_finding', 'employer_engagement'];

/** One topic of the record on the overview: what is there in a line or two, and the way in. */
function Topic({
  id,
  title,
  open,
  href,
  loading,
  trouble,
  lines,
}: {
  id: string;
  title: string;
  open: string;
  href: string;
  loading: boolean;
  trouble: Trouble | null;
  lines: string[] | undefined;
}) {
  return (
    <Card id={id} title={title}>
      {lines === undefined ? (
        <LoadState loading={loading} trouble={trouble} />
      ) : (
        lines.map((line) => (
          <p key={line} dir="auto">
            {line}
          </p>
        ))
      )}
      <LinkButton href={href} variant="primary">
        {open}
      </LinkButton>
    </Card>
  );
}

/** Tasks, next shift and reminders in a line each, for the overview: parts of the page's answer. */
function TopicCards({ clientId, page }: { clientId: string; page: Resource<Schemas['ClientPage']> }) {
  const data = page.data;
  const help = data?.tasks.reduce((sum, task) => sum + task.openHelpRequests, 0) ?? 0;
  const next = data && nextOf(data.shifts);
  const on = data?.reminders.rules.filter((rule) => rule.enabled).length ?? 0;
  const devices = data?.reminders.devices.length ?? 0;
  return (
    <>
      <Topic
        id="tasks"
        title={t('builder.clientTasks')}
        open={t('client.openTasks')}
        href={`/clients/${clientId}/tasks`}
        loading={page.loading}
        trouble={page.trouble}
        lines={
          data && [
            data.tasks.length === 0 ? t('client.noTasks') : t('client.taskCount', { count: data.tasks.length }),
            ...(help > 0 ? [t('builder.openHelp', { count: help })] : []),
          ]
        }
      />
      <Topic
        id="shifts"
        title={t('shifts.title')}
        open={t('client.openShifts')}
        href={`/clients/${clientId}/shifts`}
        loading={page.loading}
        trouble={page.trouble}
        lines={data && [next ? nextShiftInWords(next) : t('shifts.noneSoon')]}
      />
      <Topic
        id="reminders"
        title={t('reminders.title')}
        open={t('client.openReminders')}
        href={`/clients/${clientId}/reminders`}
        loading={page.loading}
        trouble={page.trouble}
        lines={
          data && [
            on === 0 ? t('client.noReminders') : t('client.remindersOn', { count: on }),
            devices === 0 ? t('push.noDevices') : t('client.devicesOn', { count: devices }),
          ]
        }
      />
    </>
  );
}

/**
 * `/clients/:id`: one client's record for their coach, coordinator or an administrator, as an
 * overview: the facts, and a short summary per topic with the way to its own screen
 * (`/clients/:id/tasks`, `…/shifts`, `…/goals`, `…/conversations`, `…/family`,
 * `…/reminders`). Forms open when asked for, so the overview fits on a phone.
 */
export default function ClientPage({ params }: { params: Record<string, string> }) {
  const me = useMe();
  const id = params.id ?? '';
  // Everything the overview shows comes in one answer (one audit entry for the opening).
  const page = useResource(() => api.get('/api/clients/{client_id}/page', { path: { client_id: id } }), [id]);
  const [stage, setStage] = useState<Stage | ''>('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryFor, setRecoveryFor] = useState<{ id: string; displayName: string } | null>(null);
  const [changingStage, setChangingStage] = useState(false);
  const stageOpened = useRef(false);
  // The form opens in place of its button: focus goes to the form, and back when it closes.
  useEffect(() => {
    if (changingStage) document.getElementById('stage')?.focus();
    else if (stageOpened.current) document.getElementById('change-stage')?.focus();
    stageOpened.current = changingStage;
  }, [changingStage]);

  const client = page.data?.client;
  // A change made here answers with the record: it replaces the page's.
  const setClient = (changed: ClientDetail) => {
    if (page.data) page.set({ ...page.data, client: changed });
  };
  // "My clients" is a coach's home; a coordinator's is their team, an administrator's the
  // organisation: for them the way back is "Home".
  const back = { href: '/', label: me.role === 'coach' ? t('client.back') : t('nav.home') };
  if (!client) {
    return (
      <Page title={page.trouble ? t('client.notFound') : t('app.loading')} back={back}>
        <LoadState loading={page.loading} trouble={page.trouble} />
      </Page>
    );
  }
  const chosen = stage || client.stage;

  async function saveStage() {
    setBusy(true);
    setMessage(null);
    try {
      setClient(await api.patch('/api/clients/{client_id}', { path: { client_id: id }, body: { stage: chosen } }));
      setMessage({ kind: 'success', text: t('client.stageSaved', { stage: stageName(chosen) }) });
      setChangingStage(false);
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
      <ClientStaffTools client={client} onChange={setClient} />
      {message && <Notice kind={message.kind} title={message.text} />}
      {changingStage ? (
        <Card id="stage" title={t('client.stageTitle')}>
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
            <div class="actions">
              <Button type="submit" variant="primary" busy={busy}>
                {t('client.saveStage')}
              </Button>
              <Button onClick={() => setChangingStage(false)}>{t('action.cancel')}</Button>
            </div>
          </Form>
        </Card>
      ) : (
        <div class="actions">
          {/* The stage is the view of the client's journey: its dated history is one tap away. */}
          <LinkButton href={`/clients/${id}/journey`} variant="primary">
            {t('journey.open')}
          </LinkButton>
          <Button id="change-stage" onClick={() => setChangingStage(true)}>
            {t('client.stageTitle')}
          </Button>
          <LinkButton href={`/clients/${id}/profile`}>{t('profile.open')}</LinkButton>
          <LinkButton href={`/clients/${id}/jobs`}>{t('jobs.open')}</LinkButton>
          <LinkButton href={`/clients/${id}/activities`}>{t('activity.openLog')}</LinkButton>
          <LinkButton href={`/clients/${id}/agreements`}>{t('agreements.open')}</LinkButton>
          {/* The job search is the work of the stages before a job: its way in is here then
              (the client's jobs screen always leads to it), so the overview stays short. */}
          {SEARCHING.includes(client.stage) && (
            <LinkButton href={`/clients/${id}/opportunities`}>{t('opportunities.open')}</LinkButton>
          )}
        </div>
      )}
      <FromWork
        items={page.data?.workFeedback ?? []}
        href={(item) => `/clients/${id}/jobs/${item.jobId}/handover`}
      />
      <TopicCards clientId={id} page={page} />
      <GoalsAndConversationCards clientId={id} page={page} />
      <Topic
        id="family"
        title={t('client.family')}
        open={t('client.openFamily')}
        href={`/clients/${id}/family`}
        loading={false}
        trouble={null}
        lines={[
          client.family.length === 0
            ? t('client.noFamily')
            : client.family.map((member) => member.displayName).join(', '),
        ]}
      />
      {/* A lost or new phone: a new one-time link (the dialog says what it does). */}
      <p class="actions" id="lost-phone">
        <Button onClick={() => setRecoveryFor({ id: client.id, displayName: client.displayName })}>
          {t('recovery.button')}
          <span class="visually-hidden"> {t('recovery.for', { name: client.displayName })}</span>
        </Button>
      </p>
      <RecoveryDialog person={recoveryFor} onClose={() => setRecoveryFor(null)} />
    </Page>
  );
}
