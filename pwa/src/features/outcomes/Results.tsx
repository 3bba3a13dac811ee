import { api } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { currentLocale, formatDate, t } from '../../i18n';
import { navigate, useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { browserZone } from '../shifts/words';
import { TrendChart } from './TrendChart';
import {
  askedFrom,
  figureNumber,
  groupsOf,
  partLabel,
  periodName,
  queryOf,
  recentMonths,
  rowsTitles,
  scopeKey,
  scopeName,
  unitWords,
  type Asked,
  type Figure,
  type Scope,
} from './words';
import './Outcomes.css';

/**
 * `/results`: the figures of the organisation, a team or a caseload over a month, each with
 * what it means, its last six months and the people behind it. A coordinator picks her team or
 * one of its coaches; an administrator any team; a coach sees their own caseload.
 */
export default function Results() {
  const { query } = useLocation();
  const asked = askedFrom(query);
  const key = queryOf(asked);
  const dashboard = useResource(
    () =>
      api.get('/api/outcomes', {
        query: {
          scope: asked.scope,
          id: asked.id,
          month: asked.month,
          zone: browserZone(),
          language: currentLocale(),
        },
      }),
    // The figures' names and definitions come in the reader's language: asked again on a change.
    [key, currentLocale()],
  );
  const go = (next: Asked) => navigate(`/results${queryOf(next)}`, { replace: true });
  const data = dashboard.data;
  if (data) for (const f of data.figures) rowsTitles.set(f.id, f.rowsLabel);
  const scopes = data?.choices ?? [];
  const me = useMe();
  const groups = data ? groupsOf(data.figures) : [];
  return (
    <Page title={t('outcomes.title')}>
      {(me.role === 'admin' || me.role === 'coordinator') && (
        <div class="actions">
          <LinkButton href="/reports">{t('reports.title')}</LinkButton>
          <LinkButton href="/fidelity">{t('fidelity.fromResults')}</LinkButton>
        </div>
      )}
      {data === undefined ? (
        <LoadState loading={dashboard.loading} trouble={dashboard.trouble} />
      ) : (
        <>
          <div class="outcome-pickers">
            {scopes.length > 1 && (
              <SelectField
                id="outcome-scope"
                label={t('outcomes.scopeLabel')}
                value={scopeKey(data.scope)}
                onValue={(v) => {
                  const chosen = scopes.find((s) => scopeKey(s) === v);
                  if (chosen) go({ ...asked, scope: chosen.kind, id: chosen.id ?? undefined });
                }}
              >
                {scopes.map((s: Scope) => (
                  <option key={scopeKey(s)} value={scopeKey(s)}>
                    {scopeName(s)}
                  </option>
                ))}
              </SelectField>
            )}
            <SelectField
              id="outcome-month"
              label={t('outcomes.monthLabel')}
              value={data.start.slice(0, 7)}
              onValue={(v) => go({ ...asked, month: v })}
            >
              {recentMonths().map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </SelectField>
          </div>
          <p class="outcome-about" aria-live="polite">
            {t('outcomes.about', {
              scope: scopeName(data.scope),
              period: periodName(data.start, data.end),
              date: formatDate(data.asOf),
            })}
          </p>
          {/* Thirty-odd figures: grouped, with a way to each group from the top. */}
          <nav class="outcome-groups" aria-labelledby="outcome-groups-title">
            <h2 class="outcome-groups__title" id="outcome-groups-title">
              {t('outcomes.group.onThisScreen')}
            </h2>
            <ul>
              {groups.map(([group]) => (
                <li key={group}>
                  <a href={`#outcome-group-${group}`}>{t(`outcomes.group.${group}`)}</a>
                </li>
              ))}
            </ul>
          </nav>
          {groups.map(([group, figures]) => (
            <section key={group} class="outcome-group" aria-labelledby={`outcome-group-${group}`}>
              <h2 class="outcome-group__title" id={`outcome-group-${group}`} tabIndex={-1}>
                {t(`outcomes.group.${group}`)}
              </h2>
              <ul class="outcome-cards">
                {figures.map((f) => (
                  <li key={f.id}>
                    <FigureCard figure={f} query={key} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Page>
  );
}

function FigureCard({ figure, query }: { figure: Figure; query: string }) {
  const titleId = `figure-${figure.id}-title`;
  return (
    <section class="card outcome-card" aria-labelledby={titleId}>
      <h3 class="card__title" id={titleId}>
        {figure.name}
      </h3>
      <p class="outcome-card__figure">
        <span class="outcome-card__number">{figureNumber(figure.value, figure.unit)}</span>{' '}
        <span class="outcome-card__unit">{unitWords(figure.unit, figure.value)}</span>
      </p>
      {(figure.target !== null && figure.target !== undefined) || figure.base !== null ? (
        <p class="outcome-card__meta">
          {figure.target !== null && figure.target !== undefined && figure.unit === 'clients_per_coach' && (
            <span>{t('outcomes.target', { value: figureNumber(figure.target, figure.unit) })} </span>
          )}
          {figure.base !== null && figure.base !== undefined && (
            <span>{t('outcomes.base', { n: figure.base })}</span>
          )}
        </p>
      ) : null}
      {(figure.parts ?? []).length > 0 && (
        <ul class="outcome-card__parts" aria-label={t('outcomes.partsLabel', { name: figure.name })}>
          {(figure.parts ?? []).map((p) => (
            <li key={`${p.kind}-${p.key}`}>
              {partLabel(p)}: <strong>{figureNumber(p.value, 'clients')}</strong>
              {p.kind === 'coach' && figure.target !== null && figure.target !== undefined && p.value > figure.target && (
                <span> {t('outcomes.overTarget')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <TrendChart figure={figure} />
      <details class="outcome-card__definition">
        <summary>{t('outcomes.whatThisMeans')}</summary>
        <p>{figure.definition}</p>
      </details>
      <LinkButton href={`/results/${figure.id}${query}`}>{figure.rowsLabel}</LinkButton>
    </section>
  );
}
