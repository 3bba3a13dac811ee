import { api } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { backFromMore } from '../../components/Layout/nav';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { useResource } from '../../lib/useResource';
import { dateInWords } from '../shifts/words';
import { stepInWords } from './words';

/**
 * `/my-support`: the client's own plan for their coach's support at work, in plain words: how
 * much the coach is there now, and how that changes, step by step, as they do more on their own.
 */
export default function MyFading() {
  const me = useMe();
  const mine = useResource(() => api.get('/api/fading/mine'), []);
  return (
    <Page title={t('fading.mine.title')} back={backFromMore(me.role)}>
      {mine.data === undefined ? (
        <LoadState loading={mine.loading} trouble={mine.trouble} />
      ) : mine.data.length === 0 ? (
        <p>{t('fading.mine.none')}</p>
      ) : (
        mine.data.map((job) => (
          <Card key={job.jobId} id={`my-fading-${job.jobId}`} title={job.jobTitle}>
            <p>{t('fading.mine.intro')}</p>
            {job.current && (
              <p>
                <strong>{t('fading.mine.now', { what: stepInWords(job.current) })}</strong>
              </p>
            )}
            <ol>
              {job.steps.map((s) => (
                <li key={s.fromDate}>
                  {t('fading.mine.from', {
                    date: dateInWords(s.inForceFrom ?? s.fromDate, false),
                    what: stepInWords(s),
                  })}
                </li>
              ))}
            </ol>
          </Card>
        ))
      )}
    </Page>
  );
}
