import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Choices, Form, SelectField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDate, t } from '../../i18n';
import { useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { MODES, modeName, type Mode } from '../activities/words';
import { browserZone, isolate, todayIn } from '../shifts/words';
import { ChangeForm } from './ChangeForm';
import { OpportunityCard } from './OpportunityCard';
import { logContact, moveStep } from './moves';
import { STEPS, nextStep, stepName, titleOf, type Opportunity, type Step } from './words';
import './Opportunities.css';

/** The instant a step or contact of `day` is recorded at: now today, noon of an earlier day. */
function atDay(day: string): string | null {
  return day === todayIn(browserZone()) ? null : new Date(`${day}T12:00`).toISOString();
}

function MoveForm({ o, first, onDone }: { o: Opportunity; first: Step; onDone: (sent: boolean) => void }) {
  const today = todayIn(browserZone());
  const [step, setStep] = useState<Step>(first);
  const [day, setDay] = useState(today);
  const [followUp, setFollowUp] = useState('');
  const [interviewOn, setInterviewOn] = useState(o.interview?.on ?? '');
  const [interviewAt, setInterviewAt] = useState(o.interview?.at ?? '');
  const [place, setPlace] = useState(o.interview?.place ?? '');
  const [mode, setMode] = useState<Mode>('phone');
  const [made, setMade] = useState<'made' | 'tried'>('made');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function save() {
    const found: Record<string, string> = {};
    if (!day || day > today) found.day = t('opportunities.error.day');
    if (followUp && followUp < day) found.followUp = t('opportunities.error.followUp');
    if (step === 'interview' && !interviewOn) found.interviewOn = t('opportunities.error.interviewOn');
    if (step === 'interview' && !interviewAt) found.interviewAt = t('opportunities.error.interviewAt');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`move-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const sent = await moveStep(o.id, {
        step,
        at: atDay(day),
        note: note.trim(),
        followUpOn: followUp || null,
        ...(step === 'interview' ? { interviewOn, interviewAt, interviewPlace: place.trim() } : {}),
        ...(step === 'contacted' ? { mode, made: made === 'made' } : {}),
      });
      onDone(sent);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="move" title={t('opportunities.moveTitle')}>
      <Form onSubmit={() => void save()} label={t('opportunities.moveTitle')}>
        <SelectField id="move-step" label={t('opportunities.stepLabel')} value={step} onValue={(v) => setStep(v as Step)}>
          {STEPS.map((s) => (
            <option key={s} value={s}>
              {stepName(s)}
            </option>
          ))}
        </SelectField>
        <TextField id="move-day" type="date" label={t('opportunities.dayLabel')} value={day} onValue={setDay} error={errors.day} />
        {step === 'contacted' && (
          <>
            <Choices id="move-mode" legend={t('activity.modeLabel')} value={mode} choices={MODES.map((m) => ({ value: m, label: modeName(m) }))} onValue={setMode} />
            <Choices
              id="move-made"
              legend={t('activity.madeLabel')}
              value={made}
              choices={[
                { value: 'made', label: t('activity.made') },
                { value: 'tried', label: t('activity.tried') },
              ]}
              onValue={setMade}
            />
          </>
        )}
        {step === 'interview' && (
          <>
            <TextField id="move-interviewOn" type="date" label={t('opportunities.interviewOnLabel')} value={interviewOn} onValue={setInterviewOn} error={errors.interviewOn} />
            <TextField id="move-interviewAt" type="time" label={t('opportunities.interviewAtLabel')} value={interviewAt} onValue={setInterviewAt} error={errors.interviewAt} />
            <TextField id="move-place" label={t('opportunities.placeLabel')} value={place} onValue={setPlace} maxLength={300} />
          </>
        )}
        <TextField id="move-followUp" type="date" label={t('opportunities.followUpLabel')} hint={t('opportunities.followUpHint')} value={followUp} onValue={setFollowUp} error={errors.followUp} />
        <TextField id="move-note" label={t('opportunities.noteLabel')} value={note} onValue={setNote} maxLength={300} />
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('opportunities.saveStep')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function ContactForm({ o, onDone }: { o: Opportunity; onDone: (sent: boolean) => void }) {
  const [mode, setMode] = useState<Mode>('phone');
  const [made, setMade] = useState<'made' | 'tried'>('made');
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    try {
      onDone(await logContact(o.id, { mode, made: made === 'made' }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card id="contact" title={t('opportunities.contactTitle')}>
      <Form onSubmit={() => void save()} label={t('opportunities.contactTitle')}>
        <Choices id="contact-mode" legend={t('activity.modeLabel')} value={mode} choices={MODES.map((m) => ({ value: m, label: modeName(m) }))} onValue={setMode} />
        <Choices
          id="contact-made"
          legend={t('activity.madeLabel')}
          value={made}
          choices={[
            { value: 'made', label: t('activity.made') },
            { value: 'tried', label: t('activity.tried') },
          ]}
          onValue={setMade}
        />
        <div class="actions">
          <Button type="submit" busy={busy}>
            {t('opportunities.logContact')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/**
 * `/opportunities/:id`: one opportunity for staff and a mentor — where it stands, its history of
 * steps with their days; staff move it to any step on any day (forward or back), with the
 * interview's day, time and place, and log a contact with the employer.
 */
export default function OpportunityScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { query } = useLocation();
  const [said, setSaid] = useState('');
  const [version, setVersion] = useState(0);
  const one = useResource(() => api.get('/api/opportunities/{opportunity_id}', { path: { opportunity_id: id } }), [id, version]);
  const o = one.data;
  if (!o) {
    return (
      <Page title={t('opportunities.title')}>
        <LoadState loading={one.loading} trouble={one.trouble} />
      </Page>
    );
  }
  const asked = query.get('step');
  const first = (STEPS as string[]).includes(asked ?? '') ? (asked as Step) : (nextStep(o.step) ?? o.step);
  const done = (sent: boolean) => {
    setSaid(sent ? t('opportunities.moved') : t('opportunities.waiting'));
    setVersion((v) => v + 1);
  };
  return (
    <Page title={titleOf(o)} titleDir="auto" back={{ href: `/clients/${o.clientId}/opportunities`, label: t('opportunities.title') }}>
      {said && <Notice kind="success" title={said} />}
      <OpportunityCard o={{ ...o, canMove: false }} onMoved={done} />
      {o.idea && o.employerName && <p dir="auto">{o.idea}</p>}
      <Card id="history" title={t('opportunities.history')}>
        <ol class="opportunity-history">
          {o.steps.map((s) => (
            <li key={s.id}>
              {t('opportunities.historyLine', { step: stepName(s.step), on: isolate(formatDate(s.on)), by: isolate(s.byName) })}
              {s.note && <span dir="auto">{` — ${s.note}`}</span>}
            </li>
          ))}
        </ol>
      </Card>
      {o.canMove && <MoveForm key={`${o.step}-${version}`} o={o} first={first} onDone={done} />}
      {o.canMove && <ContactForm o={o} onDone={done} />}
      {o.canMove && (
        <ChangeForm
          key={o.updatedAt}
          o={o}
          onSaved={(saved) => {
            one.set(saved);
            setSaid(t('opportunities.changed'));
          }}
        />
      )}
    </Page>
  );
}
