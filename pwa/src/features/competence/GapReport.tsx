import { api } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { formatDate, t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { competencesOf, inLocale, type Framework } from './words';

/**
 * Management's gap report on Team development: per competence, how many are below their target
 * now and at the end of the last quarter, how many have no level yet, and training hours. A group
 * of fewer than five shows no counts ("fewer than 5"): its figures would name someone.
 */
export function GapReportCard({ team, framework }: { team: string | undefined; framework: Framework }) {
  const got = useResource(() => api.get('/api/competence/gaps', { query: { team } }), [team]);
  const report = got.data;
  const names = new Map(competencesOf(framework).map((c) => [c.competence.key, inLocale(c.competence.titles)]));
  return (
    <Card id="gap-report" title={t('competence.assessment.gapTitle')}>
      {report === undefined ? (
        <LoadState loading={got.loading} trouble={got.trouble} />
      ) : report.fewerThanFive ? (
        <p>{t('competence.assessment.gapSmall')}</p>
      ) : (
        <>
          <p>
            {t('competence.assessment.gapIntro', {
              n: report.people,
              certified: report.certified ?? 0,
              date: formatDate(report.lastQuarterEnd),
            })}
          </p>
          <ul class="competence-list">
            {report.rows.map((r) => (
              <li key={r.competence} class="competence-row">
                <p class="competence-row__name">{names.get(r.competence) ?? r.competence}</p>
                <p class="competence-row__levels">
                  {t('competence.assessment.gapBelow', { n: r.belowTarget ?? 0, before: r.belowTargetLastQuarter ?? 0 })}
                  <br />
                  {t('competence.assessment.gapNone', { n: r.noEvidence ?? 0 })}
                  <br />
                  {t('competence.assessment.gapHours', { hours: r.trainingHours })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
