import { t } from '../../i18n';
import { navigate } from '../../lib/router';
import { ClientScreen } from '../clients/ClientScreen';
import { JobForm } from './JobForm';

/** `/clients/:id/jobs/new`: record a client's job. */
export default function JobNew({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  return (
    <ClientScreen clientId={id} title="jobs.newTitle">
      {(client) => (
        <>
          <p>{t('jobs.newIntro')}</p>
          <JobForm clientId={client.id} job={null} onSaved={(job) => navigate(`/jobs/${job.id}`, { replace: true })} />
        </>
      )}
    </ClientScreen>
  );
}
