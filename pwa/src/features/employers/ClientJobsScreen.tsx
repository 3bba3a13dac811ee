import { pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { ClientScreen } from '../clients/ClientScreen';
import { jobInWords, termsInWords } from './words';

function Jobs({ clientId }: { clientId: string }) {
  const list = usePages(() => pages.first('/api/clients/{client_id}/jobs', { path: { client_id: clientId } }), [clientId]);
  const jobs = list.items;
  return (
    <Card id="jobs" title={t('jobs.listTitle')}>
      <LinkButton href={`/clients/${clientId}/jobs/new`} variant="primary" block>
        {t('jobs.add')}
      </LinkButton>
      <LinkButton href={`/clients/${clientId}/opportunities`} block>
        {t('opportunities.open')}
      </LinkButton>
      {jobs === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : jobs.length === 0 ? (
        <p>{t('jobs.none')}</p>
      ) : (
        <ShowMore list={list}>
          <LinkList label={t('jobs.listTitle')}>
            {jobs.map((job) => (
              <LinkListItem
                key={job.id}
                href={`/jobs/${job.id}`}
                title={jobInWords(job)}
                detail={termsInWords(job)}
              />
            ))}
          </LinkList>
        </ShowMore>
      )}
    </Card>
  );
}

/** `/clients/:id/jobs`: the client's jobs, the latest first; "Record a job" opens its form. */
export default function ClientJobsScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  return <ClientScreen clientId={id} title="jobs.clientTitle">{(client) => <Jobs clientId={client.id} />}</ClientScreen>;
}
