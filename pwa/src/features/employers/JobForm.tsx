import { useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Choices, Form, SelectField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t, type Key } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { todayIn, browserZone } from '../shifts/words';
import { sendOrKeep } from './offline';
import { centsOf, CONTRACT_TYPES, hoursOf, type ContractType, type Job } from './words';

type Answer = 'yes' | 'no' | 'unknown';
const QUESTIONS = ['atLeastMinimumWage', 'openToAnyone', 'samePayAsOthers', 'alongsideOthers'] as const;
type Question = (typeof QUESTIONS)[number];

interface Draft {
  employerId: string;
  title: string;
  startDate: string;
  hours: string;
  pay: string;
  contractType: ContractType | '';
  answers: Record<Question, Answer>;
}

const answerOf = (value: boolean | null | undefined): Answer =>
  value === true ? 'yes' : value === false ? 'no' : 'unknown';
const valueOf = (answer: Answer): boolean | null => (answer === 'yes' ? true : answer === 'no' ? false : null);

function draftOf(job: Job | null): Draft {
  return {
    employerId: job?.employerId ?? '',
    title: job?.title ?? '',
    startDate: job?.startDate ?? todayIn(browserZone()),
    hours: typeof job?.hoursPerWeek === 'number' ? String(job.hoursPerWeek) : '',
    pay: typeof job?.hourlyPayCents === 'number' ? (job.hourlyPayCents / 100).toFixed(2) : '',
    contractType: job?.contractType ?? '',
    answers: {
      atLeastMinimumWage: answerOf(job?.atLeastMinimumWage),
      openToAnyone: answerOf(job?.openToAnyone),
      samePayAsOthers: answerOf(job?.samePayAsOthers),
      alongsideOthers: answerOf(job?.alongsideOthers),
    },
  };
}

/**
 * Record a client's job, or change what was recorded: the employer from the register, the job
 * title, start date, hours a week, pay an hour, the contract, and the four questions that say
 * whether the job is competitive and integrated.
 */
export function JobForm({
  clientId,
  job,
  onSaved,
  onCancel,
  prefill,
}: {
  clientId: string;
  job: Job | null;
  onSaved: (job: Job) => void;
  onCancel?: () => void;
  /** What a new job starts from (an opportunity the client started: its employer and job). */
  prefill?: Partial<Pick<Draft, 'employerId' | 'title' | 'startDate'>>;
}) {
  const register = useResource(() => pages.first('/api/employers', { query: { limit: 200 } }), []);
  const [draft, setDraft] = useState<Draft>(() => ({ ...draftOf(job), ...prefill }));
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const [writeId, setWriteId] = useState(() => crypto.randomUUID());
  const [kept, setKept] = useState(false);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const fields = trouble?.fields ?? {};
  const competitive = QUESTIONS.every((q) => draft.answers[q] === 'yes');

  async function save() {
    const problems: Record<string, string> = {};
    const hours = hoursOf(draft.hours);
    const cents = centsOf(draft.pay);
    if (!draft.title.trim()) problems.title = t('jobs.error.title');
    if (!draft.startDate) problems.startDate = t('jobs.error.startDate');
    if (hours !== null && (Number.isNaN(hours) || hours > 80)) problems.hoursPerWeek = t('jobs.error.hours');
    if (cents !== null && Number.isNaN(cents)) problems.hourlyPayCents = t('jobs.error.pay');
    if (Object.keys(problems).length) {
      setTrouble({ title: t('form.fixErrors'), fields: problems });
      return;
    }
    setTrouble(null);
    setKept(false);
    setBusy(true);
    const body = {
      employerId: draft.employerId || null,
      title: draft.title.trim(),
      startDate: draft.startDate,
      hoursPerWeek: hours,
      hourlyPayCents: cents,
      contractType: draft.contractType || null,
      atLeastMinimumWage: valueOf(draft.answers.atLeastMinimumWage),
      openToAnyone: valueOf(draft.answers.openToAnyone),
      samePayAsOthers: valueOf(draft.answers.samePayAsOthers),
      alongsideOthers: valueOf(draft.answers.alongsideOthers),
    };
    try {
      if (job) {
        onSaved(await api.patch('/api/jobs/{job_id}', { path: { job_id: job.id }, body }));
        return;
      }
      const write = { ...body, localId: writeId };
      const saved = await sendOrKeep(
        () => api.post('/api/clients/{client_id}/jobs', { path: { client_id: clientId }, body: write }),
        { kind: 'job', path: `/api/clients/${clientId}/jobs`, clientId, body: write },
      );
      if (saved) {
        onSaved(saved);
        return;
      }
      setKept(true);
      setWriteId(crypto.randomUUID());
      setDraft(draftOf(null));
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const answers: { value: Answer; label: string }[] = [
    { value: 'yes', label: t('jobs.yes') },
    { value: 'no', label: t('jobs.no') },
    { value: 'unknown', label: t('jobs.unknown') },
  ];
  return (
    <Form onSubmit={() => void save()} label={job ? t('jobs.change') : t('jobs.add')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {kept && <Notice kind="success" title={t('employers.kept')} />}
      <SelectField
        id="job-employer"
        label={t('jobs.employer')}
        hint={t('jobs.employerHint')}
        value={draft.employerId}
        onValue={(employerId) => set({ employerId })}
        error={fields.employerId}
      >
        <option value="">{t('jobs.noEmployer')}</option>
        {(register.data?.items ?? []).map((employer) => (
          <option key={employer.id} value={employer.id}>
            {employer.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id="job-title"
        label={t('jobs.title')}
        hint={t('jobs.titleHint')}
        value={draft.title}
        onValue={(title) => set({ title })}
        maxLength={160}
        error={fields.title}
        dir="auto"
      />
      <TextField
        id="job-start"
        type="date"
        label={t('jobs.startDate')}
        value={draft.startDate}
        onValue={(startDate) => set({ startDate })}
        error={fields.startDate}
      />
      <TextField
        id="job-hours"
        label={t('jobs.hours')}
        hint={t('jobs.hoursHint')}
        value={draft.hours}
        onValue={(hours) => set({ hours })}
        maxLength={5}
        error={fields.hoursPerWeek}
      />
      <TextField
        id="job-pay"
        label={t('jobs.pay')}
        hint={t('jobs.payHint')}
        value={draft.pay}
        onValue={(pay) => set({ pay })}
        maxLength={9}
        error={fields.hourlyPayCents}
      />
      <SelectField
        id="job-contract"
        label={t('jobs.contract')}
        value={draft.contractType}
        onValue={(value) => set({ contractType: value as ContractType | '' })}
        error={fields.contractType}
      >
        <option value="">{t('jobs.notSaid')}</option>
        {CONTRACT_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`jobs.contract.${type}` as Key)}
          </option>
        ))}
      </SelectField>
      <h3>{t('jobs.ciTitle')}</h3>
      <p class="field__hint">{t('jobs.ciHint')}</p>
      {QUESTIONS.map((question) => (
        <Choices
          key={question}
          id={`job-${question}`}
          legend={t(`jobs.q.${question}` as Key)}
          value={draft.answers[question]}
          onValue={(answer) => set({ answers: { ...draft.answers, [question]: answer } })}
          choices={answers}
          error={fields[question]}
        />
      ))}
      <p role="status">{competitive ? t('jobs.ciYes') : t('jobs.ciNo')}</p>
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {job ? t('jobs.save') : t('jobs.addSave')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('employers.cancel')}</Button>}
      </div>
    </Form>
  );
}
