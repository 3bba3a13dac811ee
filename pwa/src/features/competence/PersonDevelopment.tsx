import { api } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDate, t } from '../../i18n';
import { useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { CertificateCard } from './Certificate';
import { EvidencePanel } from './Evidence';
import { FieldMentorCard } from './FieldMentors';
import { PathCards } from './PathCards';
import { decisionName } from './evidenceWords';
import { RecordRows } from './RecordRows';
import { trackName } from './words';
import './Competence.css';

/**
 * `/team-development/person?id=`: one coach's development for their coordinator or an
 * administrator — the path (provisional or not, the plan's goals to agree or propose, training
 * records to add, simulations), target against current, the evidence attached and proposed (the
 * mentor attaches too), the certificate and the summative assessments, with a button to start
 * one. Their field mentor (a coach) comes here from "My development" and logs visits and
 * simulations; the coordinator names the mentor. (`?person=` is read too: the path's screens
 * come back with it.)
 */
export default function PersonDevelopment() {
  const { query } = useLocation();
  const me = useMe();
  const mentor = me.role === 'coach';
  const id = query.get('id') ?? query.get('person') ?? '';
  const record = useResource(() => api.get('/api/competence/record', { query: { person: id } }), [id]);
  const assessments = useResource(
    () => api.get('/api/competence/assessments', { query: { person: id, limit: 10 } }),
    [id],
  );
  const data = record.data;
  return (
    <Page
      title={data?.person.displayName ?? t('competence.team.title')}
      back={
        mentor
          ? { href: '/development', label: t('competence.my.title') }
          : { href: '/team-development', label: t('competence.team.title') }
      }
    >
      {data === undefined ? (
        <LoadState loading={record.loading} trouble={record.trouble} />
      ) : (
        <>
          <p class="lead">
            {trackName(data.framework, data.person.track)} ·{' '}
            {t('competence.monthOfService', { month: data.person.monthOfService + 1 })}
          </p>
          {query.get('training') && <Notice kind="success" title={t('competence.training.saved')} />}
          {query.get('goal') && <Notice kind="success" title={t('competence.plan.saved')} />}
          {query.get('logged') && <Notice kind="success" title={t('competence.visit.logged')} />}
          {query.get('simulation') && <Notice kind="success" title={t('competence.simulation.logged')} />}
          <div class="actions">
            {!mentor && (
              <LinkButton href={`/team-development/assessment/new?person=${id}`} variant="primary" block>
                {t('competence.assessment.startFor')}
              </LinkButton>
            )}
            <LinkButton href={`/team-development/visit?person=${id}`} variant={mentor ? 'primary' : 'secondary'} block>
              {t('competence.visit.log')}
            </LinkButton>
            <LinkButton href={`/team-development/simulation?person=${id}`} block>
              {t('competence.simulation.log')}
            </LinkButton>
          </div>
          <FieldMentorCard personId={id} name={data.person.displayName} canName={!mentor} />
          <PathCards person={id} framework={data.framework} self={false} canWrite={!mentor} />
          <CertificateCard personId={id} />
          <Card id="person-assessments" title={t('competence.assessment.listTitle')}>
            {assessments.data === undefined ? (
              <LoadState loading={assessments.loading} trouble={assessments.trouble} />
            ) : assessments.data.length === 0 ? (
              <p>{t('competence.assessment.none')}</p>
            ) : (
              <ul class="competence-list">
                {assessments.data.map((a) => (
                  <li key={a.id} class="competence-row">
                    <p class="competence-row__levels">
                      {a.status === 'signed' ? t('competence.assessment.statusSigned') : t('competence.assessment.statusOpen')}
                      {a.decision && ` · ${decisionName(a.decision)}`}
                    </p>
                    <LinkButton href={`/development/assessment?id=${a.id}`} block>
                      {t('competence.assessment.of', { name: a.personName, date: formatDate(a.createdAt) })}
                    </LinkButton>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card id="person-record" title={t('competence.my.record')}>
            <RecordRows framework={data.framework} person={data.person} />
          </Card>
          <EvidencePanel personId={id} framework={data.framework} />
        </>
      )}
    </Page>
  );
}
