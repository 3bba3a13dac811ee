import { api } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { Notice } from '../../components/Notice/Notice';
import { formatDate, t } from '../../i18n';
import { useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { PathCards } from './PathCards';
import { CertificateCard } from './Certificate';
import { EvidencePanel } from './Evidence';
import { MyFieldMentoring } from './FieldMentors';
import { RecordRows } from './RecordRows';
import { ToSign } from './ToSign';
import { competencesOf, inLocale, levelName, settingName, trackName } from './words';
import './Competence.css';

/**
 * `/development` ("My development", from the staff home): a coach's or coordinator's own record
 * against the current framework, their self-assessment, and the mentoring visits of their work.
 */
export default function MyDevelopment() {
  const { query } = useLocation();
  const record = useResource(() => api.get('/api/competence/record'));
  const visits = useResource(() => api.get('/api/competence/visits', { query: { limit: 10 } }));
  const data = record.data;
  return (
    <Page title={t('competence.my.title')}>
      {query.get('finished') && <Notice kind="success" title={t('competence.my.finished')} />}
      {query.get('onboarded') && <Notice kind="success" title={t('competence.path.onboarding.done')} />}
      {query.get('training') && <Notice kind="success" title={t('competence.training.saved')} />}
      {query.get('goal') && <Notice kind="success" title={t('competence.plan.saved')} />}
      {data === undefined ? (
        <LoadState loading={record.loading} trouble={record.trouble} />
      ) : (
        <>
          <p class="lead">
            {t('competence.my.intro', {
              track: trackName(data.framework, data.person.track),
              month: data.person.monthOfService + 1,
            })}
          </p>
          <div class="actions">
            <LinkButton href="/development/self-assessment" variant="primary" block>
              {data.openAssessmentId ? t('competence.self.continue') : t('competence.self.start')}
            </LinkButton>
          </div>
          <PathCards framework={data.framework} self />
          <MyFieldMentoring personId={data.person.personId} />
          <ToSign />
          <CertificateCard personId={data.person.personId} />
          <Card id="my-record" title={t('competence.my.record')}>
            <RecordRows framework={data.framework} person={data.person} />
          </Card>
          <EvidencePanel personId={data.person.personId} framework={data.framework} />
          <Card id="my-copy" title={t('competence.assessment.myDataTitle')}>
            <p>{t('competence.assessment.myDataText')}</p>
            <LinkButton href="/my-data">{t('competence.assessment.myDataOpen')}</LinkButton>
          </Card>
          <Card id="my-visits" title={t('competence.my.visits')}>
            {visits.data === undefined ? (
              <LoadState loading={visits.loading} trouble={visits.trouble} />
            ) : visits.data.length === 0 ? (
              <p>{t('competence.my.noVisits')}</p>
            ) : (
              <ul class="competence-list">
                {visits.data.map((v) => {
                  const names = new Map(competencesOf(data.framework).map((c) => [c.competence.key, c.competence]));
                  return (
                    <li key={v.id} class="competence-row">
                      <p class="competence-row__name">
                        {formatDate(v.visitedOn)} · {settingName(v.setting)} · {v.mentorName}
                      </p>
                      <ul>
                        {v.seen.map((s) => {
                          const c = names.get(s.competence);
                          return (
                            <li key={s.competence}>
                              {c ? inLocale(c.titles) : s.competence}: {levelName(data.framework, s.level)}
                            </li>
                          );
                        })}
                      </ul>
                      {v.nextStep && (
                        <p>
                          {t('competence.visit.nextStep')}: {v.nextStep}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </>
      )}
    </Page>
  );
}
