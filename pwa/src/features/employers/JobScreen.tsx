import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t, type Key } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { browserZone, dateInWords, todayIn } from '../shifts/words';
import { JobForm } from './JobForm';
import { END_REASONS, hoursInWords, payInWords, type EndReason, type Job } from './words';
import './Employers.css';

const yesNo = (value: boolean | null | undefined): string =>
  value === true ? t('jobs.yes') : value === false ? t('jobs.no') : t('jobs.unknown');

function EndForm({ job, onEnded }: { job: Job; onEnded: (job: Job) => void }) {
  const [endDate, setEndDate] = useState(todayIn(browserZone()));
  const [reason, setReason] = useState<EndReason | ''>('');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = trouble?.fields ?? {};

  async function end() {
    const problems: Record<string, string> = {};
    if (!endDate) problems.endDate = t('jobs.error.endDate');
    if (!reason) problems.reason = t('jobs.error.reason');
    if (Object.keys(problems).length || !reason) {
      setTrouble({ title: t('form.fixErrors'), fields: problems });
      return;
    }
    setTrouble(null);
    setBusy(true);
    try {
      onEnded(await api.post('/api/jobs/{job_id}/end', { path: { job_id: job.id }, body: { endDate, reason } }));
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void end()} label={t('jobs.end')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <TextField
        id="job-end-date"
        type="date"
        label={t('jobs.endDate')}
        value={endDate}
        onValue={setEndDate}
        error={fields.endDate}
      />
      <SelectField
        id="job-end-reason"
        label={t('jobs.endReason')}
        value={reason}
        onValue={(value) => setReason(value as EndReason | '')}
        error={fields.reason}
      >
        <option value="">{t('jobs.chooseReason')}</option>
        {END_REASONS.map((code) => (
          <option key={code} value={code}>
            {t(`jobs.reason.${code}` as Key)}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="danger" busy={busy}>
        {t('jobs.endSave')}
      </Button>
    </Form>
  );
}

/** `/jobs/:id`: a client's job in full; change it, or end it with a date and a reason. */
export default function JobScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const job = useResource(() => api.get('/api/jobs/{job_id}', { path: { job_id: id } }), [id]);
  const [editing, setEditing] = useState(false);
  const data = job.data;
  if (!data) {
    return (
      <Page title={job.trouble ? t('jobs.notFound') : t('app.loading')}>
        <LoadState loading={job.loading} trouble={job.trouble} />
      </Page>
    );
  }
  const back = { href: `/clients/${data.clientId}/jobs`, label: t('jobs.clientTitle', { name: data.clientName }) };
  return (
    <Page title={data.title} titleDir="auto" back={back}>
      <Card id="job" title={t('jobs.about', { name: data.clientName })}>
        {editing ? (
          <JobForm
            clientId={data.clientId}
            job={data}
            onSaved={(saved) => {
              job.set(saved);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <dl class="facts">
              <dt>{t('jobs.employer')}</dt>
              <dd dir="auto">
                {data.employerName ? [data.employerName, data.employerAddress].filter(Boolean).join(', ') : t('jobs.noEmployer')}
              </dd>
              <dt>{t('jobs.startDate')}</dt>
              <dd>{dateInWords(data.startDate, false)}</dd>
              {data.endDate && (
                <>
                  <dt>{t('jobs.endDate')}</dt>
                  <dd>
                    {dateInWords(data.endDate, false)}
                    {data.endReason && ` · ${t(`jobs.reason.${data.endReason}` as Key)}`}
                  </dd>
                </>
              )}
              <dt>{t('jobs.hours')}</dt>
              <dd>{data.hoursPerWeek !== null ? t('jobs.hoursShort', { hours: hoursInWords(data.hoursPerWeek) }) : t('jobs.notSaid')}</dd>
              <dt>{t('jobs.pay')}</dt>
              <dd>{data.hourlyPayCents !== null ? t('jobs.payShort', { pay: payInWords(data.hourlyPayCents, data.currency) }) : t('jobs.notSaid')}</dd>
              <dt>{t('jobs.contract')}</dt>
              <dd>{data.contractType ? t(`jobs.contract.${data.contractType}` as Key) : t('jobs.notSaid')}</dd>
              <dt>{t('jobs.q.atLeastMinimumWage')}</dt>
              <dd>{yesNo(data.atLeastMinimumWage)}</dd>
              <dt>{t('jobs.q.openToAnyone')}</dt>
              <dd>{yesNo(data.openToAnyone)}</dd>
              <dt>{t('jobs.q.samePayAsOthers')}</dt>
              <dd>{yesNo(data.samePayAsOthers)}</dd>
              <dt>{t('jobs.q.alongsideOthers')}</dt>
              <dd>{yesNo(data.alongsideOthers)}</dd>
            </dl>
            <p>{data.competitiveIntegrated ? t('jobs.ciYes') : t('jobs.ciNo')}</p>
            <div class="actions">
              <Button onClick={() => setEditing(true)}>{t('jobs.change')}</Button>
            </div>
          </>
        )}
      </Card>
      {/* At the workplace: what the coach learns there, how their support fades, and what the
          client shares with the people there — one card, the job's three ways in. */}
      <Card id="job-workplace" title={t('jobs.atWorkplace')}>
        <h3>{t('workplace.cardTitle')}</h3>
        <p>{t('workplace.cardWhat')}</p>
        <LinkButton href={`/jobs/${data.id}/analysis`} variant="primary" block>
          {t('workplace.open')}
        </LinkButton>
        <h3>{t('fading.cardTitle')}</h3>
        <p>{t('fading.cardWhat')}</p>
        <LinkButton href={`/clients/${data.clientId}/jobs/${data.id}/fading`} block>
          {t('fading.jobLink')}
        </LinkButton>
        {!data.endDate && (
          <>
            <h3>{t('handover.title')}</h3>
            <p>{t('handover.wayInText')}</p>
            <LinkButton href={`/clients/${data.clientId}/jobs/${data.id}/handover`} block>
              {t('handover.wayIn')}
            </LinkButton>
          </>
        )}
      </Card>
      {!data.endDate && (
        <Card id="job-end" title={t('jobs.end')}>
          <EndForm job={data} onEnded={(ended) => job.set(ended)} />
        </Card>
      )}
    </Page>
  );
}
