import { pages } from '../../api/client';
import { SelectField } from '../../components/Field/Field';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { browserZone, todayIn } from '../shifts/words';
import type { Job } from './words';

/** What a workplace field says for a job: the employer's name, else the job title. */
export function workplaceOf(job: Job): string {
  return (job.employerName || job.title).slice(0, 120);
}

/**
 * "At which job": the client's jobs not yet ended, for a task or a shift to belong to. Choosing
 * one fills in the workplace from it; "No job chosen" keeps the workplace as typed. Nothing is
 * shown for a client without a current job.
 */
export function JobChoice({
  id,
  clientId,
  value,
  onChoose,
  error,
}: {
  id: string;
  clientId: string;
  value: string;
  onChoose: (jobId: string, job: Job | null) => void;
  error?: string | undefined;
}) {
  const jobs = useResource(
    () => pages.first('/api/clients/{client_id}/jobs', { path: { client_id: clientId } }),
    [clientId],
  );
  const today = todayIn(browserZone());
  const current = (jobs.data?.items ?? []).filter((job) => !job.endDate || job.endDate >= today || job.id === value);
  if (current.length === 0) return null;
  return (
    <SelectField
      id={id}
      label={t('jobs.which')}
      hint={t('jobs.whichHint')}
      value={value}
      onValue={(jobId) => onChoose(jobId, current.find((job) => job.id === jobId) ?? null)}
      error={error}
    >
      <option value="">{t('jobs.noneChosen')}</option>
      {current.map((job) => (
        <option key={job.id} value={job.id}>
          {job.employerName ? t('jobs.titleAt', { title: job.title, employer: job.employerName }) : job.title}
        </option>
      ))}
    </SelectField>
  );
}
