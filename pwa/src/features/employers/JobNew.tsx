import { t } from '../../i18n';
import { navigate, useLocation } from '../../lib/router';
import { ClientScreen } from '../clients/ClientScreen';
import { JobForm } from './JobForm';

/** `/clients/:id/jobs/new`: record a client's job (`?employer=…&title=…&start=…`: from an
 * opportunity the client started). */
export default function JobNew({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { query } = useLocation();
  const prefill = {
    ...(query.get('employer') ? { employerId: query.get('employer') ?? '' } : {}),
    ...(query.get('title') ? { title: query.get('title') ?? '' } : {}),
    ...(query.get('start') ? { startDate: query.get('start') ?? '' } : {}),
  };
  return (
    <ClientScreen clientId={id} title="jobs.newTitle">
      {(client) => (
        <>
          <p>{t('jobs.newIntro')}</p>
          <JobForm clientId={client.id} job={null} prefill={prefill} onSaved={(job) => navigate(`/jobs/${job.id}`, { replace: true })} />
        </>
      )}
    </ClientScreen>
  );
}
