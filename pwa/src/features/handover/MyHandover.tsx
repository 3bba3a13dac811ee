import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { useDay } from '../../data/day';
import { WORK_KEY } from '../../data/work';
import { t } from '../../i18n';
import { useMe } from '../../session';

/** `/handover`: a client's jobs, each opening what they share with that workplace. */
export default function MyHandover() {
  const me = useMe();
  const jobs = useDay(WORK_KEY, (day) => day.jobs ?? []);
  return (
    <Page title={t('handover.mine.title')} back={{ href: '/more', label: t('nav.more') }}>
      <p>{t('handover.mine.intro')}</p>
      {!jobs.data ? (
        <LoadState loading={jobs.loading} trouble={jobs.trouble} />
      ) : jobs.data.length === 0 ? (
        <p>{t('handover.mine.noJob')}</p>
      ) : (
        <LinkList label={t('handover.mine.title')}>
          {jobs.data.map((job) => (
            <LinkListItem
              key={job.jobId}
              href={`/clients/${me.id}/jobs/${job.jobId}/handover`}
              title={job.employerName ? `${job.title}, ${job.employerName}` : job.title}
            />
          ))}
        </LinkList>
      )}
    </Page>
  );
}
