import { useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Checkbox, Choices, Form, SelectField, TextAreaField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { enqueue, sentSoon } from '../../data/outbox';
import { t } from '../../i18n';
import { EmployerPersonChoice, type Chosen } from './EmployerPersonChoice';
import {
  localParts,
  MODES,
  modeName,
  NAMED,
  PURPOSES,
  purposeName,
  WHOM,
  whomName,
  type Mode,
  type Purpose,
  type WithWhom,
} from './words';
import './Activities.css';

type Body = Schemas['ActivityCreate'];

/**
 * `/clients/:id/activities/new`: log an activity with or about the client — with whom, how,
 * made or only tried, when, how long, what about, a note, one thing agreed and whether it is
 * kept from the client. Saved on the phone first and sent once (the outbox), so it works
 * without signal; what the server would refuse is said next to the field before saving.
 */
export default function ActivityNew({ params }: { params: Record<string, string> }) {
  const clientId = params.id ?? '';
  const now = localParts(new Date());
  const [whom, setWhom] = useState<WithWhom>('client');
  const [name, setName] = useState('');
  const [atEmployer, setAtEmployer] = useState<Chosen>({ employerId: '', personId: '', personName: '' });
  const [mode, setMode] = useState<Mode>('workplace');
  const [made, setMade] = useState<'made' | 'tried'>('made');
  const [day, setDay] = useState(now.date);
  const [time, setTime] = useState(now.time);
  const [minutes, setMinutes] = useState('30');
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  const [note, setNote] = useState('');
  const [agreed, setAgreed] = useState('');
  const [agreedWho, setAgreedWho] = useState<'coach' | 'client'>('coach');
  const [agreedOn, setAgreedOn] = useState('');
  const [remind, setRemind] = useState(false);
  const [restricted, setRestricted] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<'editing' | 'busy' | 'sent' | 'waiting'>('editing');
  const log = `/clients/${clientId}/activities`;

  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    const fromRegister = whom === 'employer_person' && atEmployer.personId;
    if ((NAMED.includes(whom) || whom === 'employer_person') && !fromRegister && !name.trim()) found.name = t('activity.error.name');
    if (!/^\d{1,4}$/.test(minutes.trim()) || Number(minutes) > 1440) found.minutes = t('activity.error.minutes');
    if (purposes.length === 0) found.purposes = t('activity.error.purposes');
    if (!day || !time || Number.isNaN(Date.parse(`${day}T${time}`))) found.day = t('activity.error.when');
    else if (Date.parse(`${day}T${time}`) > Date.now() + 10 * 60_000) found.day = t('activity.error.future');
    if (remind && !agreedOn) found.agreedOn = t('activity.error.remindDay');
    if (restricted && !reason.trim()) found.reason = t('activity.error.reason');
    return found;
  }

  async function save() {
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(Object.keys(found)[0] === 'purposes' ? 'purposes' : `activity-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setState('busy');
    const byRegister = whom === 'employer_person' && atEmployer.personId !== '';
    const body: Body = {
      localId: crypto.randomUUID(),
      clientIds: [clientId],
      withWhom: whom,
      withName: whom === 'client' ? '' : byRegister ? atEmployer.personName : name.trim(),
      employerId: whom === 'employer_person' && atEmployer.employerId ? atEmployer.employerId : null,
      employerPersonId: byRegister ? atEmployer.personId : null,
      mode,
      made: made === 'made',
      occurredAt: new Date(`${day}T${time}`).toISOString(),
      minutes: Number(minutes),
      purposes,
      note: note.trim(),
      agreed: agreed.trim()
        ? [{ text: agreed.trim(), who: agreedWho, dueOn: agreedOn || null, remind }]
        : [],
      restricted,
      restrictedReason: restricted ? reason.trim() : '',
    };
    await enqueue({ kind: 'activity', path: '/api/activities', body });
    setState((await sentSoon(body.localId)) ? 'sent' : 'waiting');
  }

  if (state === 'sent' || state === 'waiting') {
    return (
      <Page title={t('activity.newTitle')} back={{ href: log, label: t('activity.logTitle') }}>
        <Notice kind="success" title={state === 'sent' ? t('activity.saved') : t('activity.waiting')} />
        <div class="actions">
          <LinkButton href={log} variant="primary">
            {t('activity.backToLog')}
          </LinkButton>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('activity.newTitle')} back={{ href: log, label: t('activity.logTitle') }}>
      <Form onSubmit={() => void save()} label={t('activity.newTitle')}>
        <SelectField id="activity-whom" label={t('activity.whomLabel')} value={whom} onValue={(v) => setWhom(v as WithWhom)}>
          {WHOM.map((w) => (
            <option key={w} value={w}>
              {whomName(w)}
            </option>
          ))}
        </SelectField>
        {whom === 'employer_person' && (
          <EmployerPersonChoice clientId={clientId} value={atEmployer} onChoose={setAtEmployer} />
        )}
        {whom !== 'client' && !(whom === 'employer_person' && atEmployer.personId) && (
          <TextField
            id="activity-name"
            label={t('activity.nameLabel')}
            hint={t('activity.nameHint')}
            value={name}
            onValue={setName}
            maxLength={120}
            error={errors.name}
          />
        )}
        <Choices
          id="activity-mode"
          legend={t('activity.modeLabel')}
          value={mode}
          choices={MODES.map((m) => ({ value: m, label: modeName(m) }))}
          onValue={setMode}
        />
        <Choices
          id="activity-made"
          legend={t('activity.madeLabel')}
          value={made}
          choices={[
            { value: 'made', label: t('activity.made') },
            { value: 'tried', label: t('activity.tried') },
          ]}
          onValue={setMade}
        />
        <TextField id="activity-day" type="date" label={t('activity.dayLabel')} value={day} onValue={setDay} error={errors.day} />
        <TextField id="activity-time" type="time" label={t('activity.timeLabel')} value={time} onValue={setTime} />
        <TextField
          id="activity-minutes"
          label={t('activity.minutesLabel')}
          value={minutes}
          onValue={setMinutes}
          maxLength={4}
          error={errors.minutes}
        />
        <fieldset class="field activity-purposes" id="purposes" tabIndex={-1}>
          <legend class="field__label">{t('activity.purposesLabel')}</legend>
          {errors.purposes && (
            <p class="field__error">
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              {errors.purposes}
            </p>
          )}
          {PURPOSES.map((p) => (
            <Checkbox
              key={p}
              id={`purpose-${p}`}
              label={purposeName(p)}
              checked={purposes.includes(p)}
              onChecked={(on) => setPurposes(on ? [...purposes, p] : purposes.filter((x) => x !== p))}
            />
          ))}
        </fieldset>
        <TextAreaField id="activity-note" label={t('activity.noteLabel')} value={note} onValue={setNote} maxLength={2000} dir="auto" />
        <TextField
          id="activity-agreed"
          label={t('activity.agreedLabel')}
          hint={t('activity.agreedHint')}
          value={agreed}
          onValue={setAgreed}
          maxLength={200}
        />
        {agreed.trim() && (
          <>
            <SelectField
              id="activity-agreed-who"
              label={t('activity.agreedWhoLabel')}
              value={agreedWho}
              onValue={(v) => setAgreedWho(v as 'coach' | 'client')}
            >
              <option value="coach">{t('activity.agreedCoach')}</option>
              <option value="client">{t('activity.agreedClient')}</option>
            </SelectField>
            <TextField
              id="activity-agreedOn"
              type="date"
              label={t('activity.agreedOnLabel')}
              value={agreedOn}
              onValue={setAgreedOn}
              error={errors.agreedOn}
            />
            <Checkbox id="activity-remind" label={t('activity.remindLabel')} checked={remind} onChecked={setRemind} />
          </>
        )}
        <Checkbox
          id="activity-restricted"
          label={t('activity.restrictedLabel')}
          hint={t('activity.restrictedHint')}
          checked={restricted}
          onChecked={setRestricted}
        />
        {restricted && (
          <TextField
            id="activity-reason"
            label={t('activity.reasonLabel')}
            value={reason}
            onValue={setReason}
            maxLength={300}
            error={errors.reason}
          />
        )}
        <div class="actions">
          <Button type="submit" variant="primary" busy={state === 'busy'}>
            {t('activity.save')}
          </Button>
        </div>
      </Form>
    </Page>
  );
}
