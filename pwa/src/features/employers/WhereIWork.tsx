import { useDay } from '../../data/day';
import { WORK_KEY } from '../../data/work';
import { t } from '../../i18n';
import { dateInWords, todayIn, browserZone } from '../shifts/words';
import './Employers.css';

/**
 * The client's home says where they work, in a line a client reads at a glance ("You work at
 * Hotel Aurora as a kitchen assistant. Rantatie 2, Turku."), from the client's day (kept on the
 * phone). Nothing when the client has no job recorded.
 */
export function WhereIWork() {
  const jobs = useDay(WORK_KEY, (day) => day.jobs ?? []);
  const today = todayIn(browserZone());
  if (!jobs.data?.length) return null;
  return (
    <>
      {jobs.data.map((job) => {
        const later = job.startDate > today;
        const words = job.employerName
          ? later
            ? t('work.startsAt', { employer: job.employerName, title: job.title, date: dateInWords(job.startDate, false) })
            : t('work.at', { employer: job.employerName, title: job.title })
          : later
            ? t('work.startsAs', { title: job.title, date: dateInWords(job.startDate, false) })
            : t('work.as', { title: job.title });
        return (
          <p class="work-place" key={job.jobId} dir="auto">
            {words}
            {job.address && (
              <>
                {' '}
                <span class="work-place__address">{job.address}</span>
              </>
            )}
          </p>
        );
      })}
    </>
  );
}
