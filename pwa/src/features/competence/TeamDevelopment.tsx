import { api, pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { navigate, useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { GapReportCard } from './GapReport';
import { RecordRows } from './RecordRows';
import { ToSign } from './ToSign';
import { trackName } from './words';
import './Competence.css';

/**
 * `/team-development` ("Team development", from the coordinator's home): the team's coaches ×
 * competences, target against current with the last evidence; logging a mentoring visit; the
 * framework. An administrator picks the team.
 */
export default function TeamDevelopment() {
  const me = useMe();
  const { query } = useLocation();
  const asked = query.get('team') ?? undefined;
  const teams = useResource(() =>
    me.role === 'admin' ? pages.all('/api/teams', { query: { limit: 200 } }) : Promise.resolve([]),
  );
  const team = asked ?? (me.role === 'admin' ? teams.data?.[0]?.id : undefined);
  const matrix = useResource(
    () =>
      me.role === 'admin' && !team
        ? Promise.resolve(undefined)
        : api.get('/api/competence/matrix', { query: { team } }),
    [team],
  );
  const path = useResource(
    () =>
      me.role === 'admin' && !team
        ? Promise.resolve(undefined)
        : api.get('/api/competence/team-path', { query: { team } }),
    [team],
  );
  const onPath = new Map((path.data?.people ?? []).map((p) => [p.personId, p]));
  const data = matrix.data;
  return (
    <Page title={t('competence.team.title')}>
      <p class="lead">{t('competence.team.intro')}</p>
      {query.get('logged') && <Notice kind="success" title={t('competence.visit.logged')} />}
      {query.get('simulation') && <Notice kind="success" title={t('competence.simulation.logged')} />}
      <div class="actions">
        <LinkButton href={`/team-development/visit${team ? `?team=${team}` : ''}`} variant="primary" block>
          {t('competence.visit.log')}
        </LinkButton>
        <LinkButton href={`/team-development/simulation${team ? `?team=${team}` : ''}`} block>
          {t('competence.simulation.log')}
        </LinkButton>
        <LinkButton href="/team-development/framework">{t('competence.framework.title')}</LinkButton>
      </div>
      {me.role === 'admin' && (teams.data?.length ?? 0) > 1 && (
        <SelectField
          id="team-choice"
          label={t('competence.team.choose')}
          value={team ?? ''}
          onValue={(v) => navigate(`/team-development?team=${v}`, { replace: true })}
        >
          {(teams.data ?? []).map((tm) => (
            <option key={tm.id} value={tm.id}>
              {tm.name}
            </option>
          ))}
        </SelectField>
      )}
      <ToSign />
      {data === undefined ? (
        <LoadState loading={matrix.loading} trouble={matrix.trouble} />
      ) : data.people.length === 0 ? (
        <p>{t('competence.team.empty')}</p>
      ) : (
        <ul class="competence-list" aria-label={t('competence.team.people')}>
          {data.people.map((p) => {
            const below = p.cells.filter(
              (c) => c.target !== null && c.target !== undefined && (c.current ?? -1) < c.target,
            ).length;
            return (
              <li key={p.personId}>
                <section class="card" aria-labelledby={`person-${p.personId}`}>
                  <h2 class="card__title" id={`person-${p.personId}`}>
                    {p.displayName}
                  </h2>
                  <p>
                    {trackName(data.framework, p.track)} · {t('competence.monthOfService', { month: p.monthOfService + 1 })}
                  </p>
                  {onPath.get(p.personId)?.provisional && (
                    <p class="competence-row__below">{t('competence.path.provisionalFlag')}</p>
                  )}
                  {(onPath.get(p.personId)?.expiring.length ?? 0) > 0 && (
                    <p class="competence-row__below">
                      {t('competence.training.expiringTitle', { count: onPath.get(p.personId)?.expiring.length ?? 0 })}
                    </p>
                  )}
                  <p>{t('competence.team.below', { n: below, total: p.cells.length })}</p>
                  <details>
                    <summary>{t('competence.team.details', { name: p.displayName })}</summary>
                    <RecordRows framework={data.framework} person={p} />
                  </details>
                  <LinkButton href={`/team-development/person?id=${p.personId}`} block>
                    {t('competence.evidence.openRecord', { name: p.displayName })}
                  </LinkButton>
                </section>
              </li>
            );
          })}
        </ul>
      )}
      {data && <GapReportCard team={team} framework={data.framework} />}
    </Page>
  );
}
