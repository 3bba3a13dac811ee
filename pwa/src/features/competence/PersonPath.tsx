import { api } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { PathCards } from './PathCards';
import './Competence.css';

/**
 * `/team-development/person?person=…`: the coordinator's view of one coach's path — provisional
 * or not, certificates, the development plan (agree to a goal the coach proposed, propose one),
 * training records (add one for the coach), simulations.
 */
export default function PersonPath() {
  const { query } = useLocation();
  const person = query.get('person') ?? '';
  const record = useResource(() => api.get('/api/competence/record', { query: { person } }), [person]);
  const data = record.data;
  return (
    <Page
      title={data ? t('competence.path.personTitle', { name: data.person.displayName }) : t('competence.path.title')}
      back={{ href: '/team-development', label: t('competence.team.title') }}
    >
      {query.get('training') && <Notice kind="success" title={t('competence.training.saved')} />}
      {query.get('goal') && <Notice kind="success" title={t('competence.plan.saved')} />}
      {data === undefined ? (
        <LoadState loading={record.loading} trouble={record.trouble} />
      ) : (
        <>
          <div class="actions">
            <LinkButton href={`/team-development/simulation?person=${person}`} variant="primary" block>
              {t('competence.simulation.log')}
            </LinkButton>
          </div>
          <PathCards person={person} framework={data.framework} self={false} />
        </>
      )}
    </Page>
  );
}
