import { useState } from 'preact/hooks';
import { api, ApiError, OFFLINE, type Stage } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Checkbox, Choices, Form, SelectField, TextAreaField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { enqueue, type NewWrite } from '../../data/outbox';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { STAGES, stageName } from '../clients/stages';
import { browserZone } from '../shifts/words';
import {
  BENEFITS,
  CLOSURE_REASONS,
  benefitName,
  closureName,
  todayIso,
  type Benefit,
  type ClosureReason,
  type Journey,
  type StagePeriod,
} from './words';

type Done = (journey: Journey) => void;
/** Called when a write made without signal waits on the phone (the outbox sends it later). */
type Queued = () => void;

/**
 * Sends a change; the answer (the whole journey) replaces the screen's, a refusal shows next
 * to its field. A write made on the phone (`write`, with its `localId`) that cannot reach the
 * server waits in the outbox and is sent once when the signal is back.
 */
function useSend(onDone: Done, onQueued?: Queued) {
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  async function send(request: () => Promise<Journey>, write?: NewWrite): Promise<boolean> {
    setBusy(true);
    setTrouble(null);
    try {
      onDone(await request());
      return true;
    } catch (error) {
      if (write && onQueued && error instanceof ApiError && error.status === OFFLINE) {
        await enqueue(write);
        onQueued();
        return true;
      }
      setTrouble(describe(error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, trouble, send };
}

function FormTrouble({ trouble, fields }: { trouble: Trouble | null; fields: string[] }) {
  if (!trouble || fields.some((field) => trouble.fields[field])) return null;
  return <Notice kind="error" title={trouble.title} />;
}

/** Intake: the day support starts and the client's situation at entry. */
export function IntakeForm({ clientId, onDone, onQueued }: { clientId: string; onDone: Done; onQueued?: Queued }) {
  const [intakeOn, setIntakeOn] = useState(todayIso());
  const [inWork, setInWork] = useState<'yes' | 'no'>('no');
  const [since, setSince] = useState('');
  const [benefits, setBenefits] = useState<Benefit[]>([]);
  const [note, setNote] = useState('');
  const { busy, trouble, send } = useSend(onDone, onQueued);
  const fields = ['intakeOn', 'workSince', 'benefits', 'benefitsNote'];
  function submit() {
    const body = {
      localId: crypto.randomUUID(),
      intakeOn,
      inPaidWork: inWork === 'yes',
      workSince: since || null,
      benefits,
      benefitsNote: note,
      zone: browserZone(),
    };
    const path = `/api/clients/${clientId}/journey/episodes`;
    void send(
      () => api.post('/api/clients/{client_id}/journey/episodes', { path: { client_id: clientId }, body }),
      { kind: 'intake', clientId, path, body },
    );
  }
  return (
    <Form label={t('journey.intakeTitle')} onSubmit={submit}>
      <FormTrouble trouble={trouble} fields={fields} />
      <TextField
        id="intake-on"
        type="date"
        label={t('journey.intakeOn')}
        hint={t('journey.notFuture')}
        value={intakeOn}
        onValue={setIntakeOn}
        error={trouble?.fields.intakeOn}
      />
      <Choices
        id="in-work"
        legend={t('journey.inWork')}
        value={inWork}
        onValue={setInWork}
        choices={[
          { value: 'no', label: t('journey.inWorkNo') },
          { value: 'yes', label: t('journey.inWorkYes') },
        ]}
      />
      <TextField
        id="work-since"
        type="date"
        label={inWork === 'yes' ? t('journey.inWorkSince') : t('journey.outOfWorkSince')}
        hint={t('journey.sinceHint')}
        value={since}
        onValue={setSince}
        error={trouble?.fields.workSince}
      />
      <fieldset class="field">
        <legend class="field__label">{t('journey.benefits')}</legend>
        {BENEFITS.map((benefit) => (
          <Checkbox
            key={benefit}
            id={`benefit-${benefit}`}
            label={benefitName(benefit)}
            checked={benefits.includes(benefit)}
            onChecked={(on) =>
              setBenefits(on ? [...benefits, benefit] : benefits.filter((b) => b !== benefit))
            }
          />
        ))}
      </fieldset>
      <TextAreaField
        id="benefits-note"
        label={t('journey.benefitsNote')}
        value={note}
        onValue={setNote}
        maxLength={500}
        rows={2}
        dir="auto"
        error={trouble?.fields.benefitsNote}
      />
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('journey.recordIntake')}
        </Button>
      </div>
    </Form>
  );
}

/** Start a stage on a day (today unless changed); others may go on beside it. */
export function StartStageForm({
  clientId,
  onDone,
  onQueued,
}: {
  clientId: string;
  onDone: Done;
  onQueued?: Queued;
}) {
  const [stage, setStage] = useState<Stage>('profiling');
  const [on, setOn] = useState(todayIso());
  const { busy, trouble, send } = useSend(onDone, onQueued);
  function submit() {
    const body = { localId: crypto.randomUUID(), stage, startedOn: on, zone: browserZone() };
    const path = `/api/clients/${clientId}/journey/stages`;
    void send(
      () => api.post('/api/clients/{client_id}/journey/stages', { path: { client_id: clientId }, body }),
      { kind: 'stageStart', clientId, path, body },
    );
  }
  return (
    <Form label={t('journey.startTitle')} onSubmit={submit}>
      <FormTrouble trouble={trouble} fields={['stage', 'startedOn']} />
      <SelectField
        id="start-stage"
        label={t('journey.whichStage')}
        value={stage}
        onValue={(value) => setStage(value as Stage)}
        error={trouble?.fields.stage}
      >
        {STAGES.map((value, index) => (
          <option key={value} value={value}>
            {`${index + 1}. ${stageName(value)}`}
          </option>
        ))}
      </SelectField>
      <TextField
        id="start-on"
        type="date"
        label={t('journey.startedOn')}
        hint={t('journey.notFuture')}
        value={on}
        onValue={setOn}
        error={trouble?.fields.startedOn}
      />
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('journey.startStage')}
        </Button>
      </div>
    </Form>
  );
}

/** End one stage that goes on: a button, then its day. */
export function EndStage({
  clientId,
  period,
  onDone,
}: {
  clientId: string;
  period: StagePeriod;
  onDone: Done;
}) {
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(todayIso());
  const { busy, trouble, send } = useSend(onDone);
  const name = stageName(period.stage);
  if (period.endedOn) return null;
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)}>
        {t('journey.endStage')}
        <span class="visually-hidden"> {name}</span>
      </Button>
    );
  }
  const id = `end-${period.id}`;
  return (
    <Form
      label={t('journey.endStageNamed', { stage: name })}
      onSubmit={() =>
        void send(() =>
          api.post('/api/clients/{client_id}/journey/stages/{stage_id}/end', {
            path: { client_id: clientId, stage_id: period.id },
            body: { endedOn: on, zone: browserZone() },
          }),
        )
      }
    >
      <FormTrouble trouble={trouble} fields={['endedOn']} />
      <TextField
        id={id}
        type="date"
        label={t('journey.endedOnNamed', { stage: name })}
        hint={t('journey.notFuture')}
        value={on}
        onValue={setOn}
        error={trouble?.fields.endedOn}
      />
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('journey.endStageNamed', { stage: name })}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('action.cancel')}</Button>
      </div>
    </Form>
  );
}

/** End the support: the day and why; the stages still going on end that day. */
export function CloseForm({ clientId, onDone }: { clientId: string; onDone: Done }) {
  const [on, setOn] = useState(todayIso());
  const [reason, setReason] = useState<ClosureReason>('in_work');
  const [note, setNote] = useState('');
  const [askLater, setAskLater] = useState(false);
  const { busy, trouble, send } = useSend(onDone);
  return (
    <Form
      label={t('journey.closeTitle')}
      onSubmit={() =>
        void send(() =>
          api.post('/api/clients/{client_id}/journey/close', {
            path: { client_id: clientId },
            body: { closedOn: on, reason, note, zone: browserZone(), followUpAgreed: askLater },
          }),
        )
      }
    >
      <FormTrouble trouble={trouble} fields={['closedOn', 'reason', 'note']} />
      <TextField
        id="closed-on"
        type="date"
        label={t('journey.closedOn')}
        hint={t('journey.notFuture')}
        value={on}
        onValue={setOn}
        error={trouble?.fields.closedOn}
      />
      <Choices
        id="closure-reason"
        legend={t('journey.closureReason')}
        value={reason}
        onValue={setReason}
        choices={CLOSURE_REASONS.map((value) => ({ value, label: closureName(value) }))}
        error={trouble?.fields.reason}
      />
      <TextAreaField
        id="closure-note"
        label={t('journey.closureNote')}
        value={note}
        onValue={setNote}
        maxLength={500}
        rows={2}
        dir="auto"
        error={trouble?.fields.note}
      />
      <Checkbox
        id="follow-up-agreed"
        label={t('journey.followUpAgreed')}
        hint={t('journey.followUpAgreedHint')}
        checked={askLater}
        onChecked={setAskLater}
      />
      <div class="actions">
        <Button type="submit" variant="danger" busy={busy}>
          {t('journey.close')}
        </Button>
      </div>
    </Form>
  );
}

const SITUATIONS = ['work', 'education', 'looking', 'other'] as const;
type Situation = (typeof SITUATIONS)[number];

/** Six months after leaving, where the client agreed: their situation then, and the day asked. */
export function FollowUpForm({ clientId, episodeId, onDone }: { clientId: string; episodeId: string; onDone: Done }) {
  const [situation, setSituation] = useState<Situation>('work');
  const [on, setOn] = useState(todayIso());
  const [localId] = useState(() => crypto.randomUUID());
  const { busy, trouble, send } = useSend(onDone);
  return (
    <Form
      label={t('journey.followUpTitle')}
      onSubmit={() =>
        void send(() =>
          api.post('/api/clients/{client_id}/journey/episodes/{episode_id}/follow-up', {
            path: { client_id: clientId, episode_id: episodeId },
            body: { localId, situation, situationOn: on, zone: browserZone() },
          }),
        )
      }
    >
      <FormTrouble trouble={trouble} fields={['situation', 'situationOn']} />
      <Choices
        id={`situation-${episodeId}`}
        legend={t('journey.situationLabel')}
        value={situation}
        onValue={setSituation}
        choices={SITUATIONS.map((value) => ({ value, label: t(`journey.situation.${value}`) }))}
        error={trouble?.fields.situation}
      />
      <TextField
        id={`situation-on-${episodeId}`}
        type="date"
        label={t('journey.situationOn')}
        hint={t('journey.notFuture')}
        value={on}
        onValue={setOn}
        error={trouble?.fields.situationOn}
      />
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('journey.followUpSave')}
        </Button>
      </div>
    </Form>
  );
}
