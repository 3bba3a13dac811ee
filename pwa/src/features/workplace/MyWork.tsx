import { Fragment } from 'preact';
import { Card } from '../../components/Card/Card';
import { LinkButton } from '../../components/Button/Button';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { backFromMore } from '../../components/Layout/nav';
import { useDay } from '../../data/day';
import { WORK_KEY } from '../../data/work';
import { t, type Key } from '../../i18n';
import { useSession } from '../../session';
import { useAnalysis, useTemplate, WORKPLACE_FIELDS, type Analysis, type FieldKey } from './data';
import './Workplace.css';

/** One job's analysis as the client reads it: what is written, in plain words, no notes. */
function MyJob({ jobId }: { jobId: string }) {
  const { locale } = useSession();
  const stored = useAnalysis(jobId);
  const analysis: Analysis | undefined = stored.data;
  const template = useTemplate(analysis?.templateVersion);
  if (!analysis) return <LoadState loading={stored.loading} trouble={stored.trouble} />;
  const words = template.data?.texts[locale] ?? template.data?.texts.en;
  const label = (key: FieldKey) => words?.fields[key] ?? t(`workplace.field.${key}` as Key);
  const written = [...WORKPLACE_FIELDS, 'schedule' as const, 'culture' as const].filter((k) => analysis.texts[k]);
  const title = analysis.employerName
    ? t('workplace.mine.jobAt', { title: analysis.jobTitle, employer: analysis.employerName })
    : analysis.jobTitle;
  return (
    <Card id={`my-work-${jobId}`} title={title}>
      {!analysis.started && <p>{t('workplace.mine.notYet')}</p>}
      {written.length > 0 && (
        <dl class="facts">
          {written.map((k) => (
            <Fragment key={k}>
              <dt>{label(k)}</dt>
              <dd dir="auto">{analysis.texts[k]}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {analysis.glossary.length > 0 && (
        <>
          <h3 class="workplace-subheading">{words?.sections.glossary?.heading ?? t('workplace.part.glossary')}</h3>
          <dl class="facts">
            {analysis.glossary.map((g) => (
              <Fragment key={g.term}>
                <dt dir="auto">{g.term}</dt>
                <dd dir="auto">{g.meaning}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
      {analysis.adjustments.length > 0 && (
        <>
          <h3 class="workplace-subheading">{words?.sections.adjustments?.heading ?? t('workplace.part.adjustments')}</h3>
          <ul class="workplace-list">
            {analysis.adjustments.map((a) => (
              <li key={a} class="workplace-item" dir="auto">
                {a}
              </li>
            ))}
          </ul>
        </>
      )}
      {analysis.tasks.length > 0 && (
        <>
          <h3 class="workplace-subheading">{t('workplace.mine.tasks')}</h3>
          <ul class="workplace-list">
            {analysis.tasks.map((task) => (
              <li key={task.id} class="workplace-item">
                <p class="workplace-item__title" dir="auto">
                  {task.title}
                </p>
                {task.howOften && <p dir="auto">{t('workplace.howOftenIs', { often: task.howOften })}</p>}
                {task.standard && <p dir="auto">{t('workplace.standardIs', { standard: task.standard })}</p>}
                {task.taskId && task.taskTitle && (
                  <LinkButton href={`/tasks/${task.taskId}`}>{t('workplace.mine.start', { title: task.taskTitle })}</LinkButton>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {analysis.supports.length > 0 && (
        <>
          <h3 class="workplace-subheading">{t('workplace.mine.helpers')}</h3>
          <ul class="workplace-list">
            {analysis.supports.map((s) => (
              <li key={s.id} class="workplace-item" dir="auto">
                {t('workplace.mine.helps', { name: s.role ? t('workplace.whoWithRole', { name: s.name, role: s.role }) : s.name, what: s.helpsWith })}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** `/my-work`: the client reads what was found out about their workplace, job by job. */
export default function MyWork() {
  const session = useSession();
  const jobs = useDay(WORK_KEY, (day) => day.jobs ?? []);
  return (
    <Page title={t('workplace.mine.title')} back={backFromMore(session.me?.role)}>
      {jobs.data === undefined ? (
        <LoadState loading={jobs.loading} trouble={jobs.trouble} />
      ) : jobs.data.length === 0 ? (
        <p>{t('workplace.mine.noJob')}</p>
      ) : (
        jobs.data.map((job) => <MyJob key={job.jobId} jobId={job.jobId} />)
      )}
    </Page>
  );
}
