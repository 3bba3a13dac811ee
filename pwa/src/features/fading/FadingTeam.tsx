import { pages } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { onLinkClick } from '../../lib/router';
import { usePages } from '../../lib/usePages';
import { dateInWords } from '../shifts/words';
import { ALERT_WORDS, hours, percent } from './words';
import './Fading.css';

const planHref = (clientId: string, jobId: string) => `/clients/${clientId}/jobs/${jobId}/fading`;

/**
 * `/fading`: planned against actual for the clients in reach (a coach's caseload, a
 * coordinator's team) — the alerts first, then each plan's latest closed week in a table; a
 * client's name opens their chart. Both lists a page at a time.
 */
export default function FadingTeam() {
  const alerts = usePages(() => pages.first('/api/fading/alerts', { query: { limit: 20 } }), []);
  const plans = usePages(() => pages.first('/api/fading/plans', { query: { limit: 25 } }), []);
  return (
    <Page title={t('fading.teamTitle')}>
      <Card id="fading-team-alerts" title={t('fading.alerts')}>
        {alerts.items === undefined ? (
          <LoadState loading={alerts.loading} trouble={alerts.trouble} />
        ) : alerts.items.length === 0 ? (
          <p>{t('fading.noAlerts')}</p>
        ) : (
          <ShowMore list={alerts}>
            <LinkList label={t('fading.alerts')}>
              {alerts.items.map((a) => (
                <LinkListItem
                  key={a.id}
                  href={planHref(a.clientId, a.jobId)}
                  title={`${a.clientName} · ${a.jobTitle}`}
                  detail={`${t(ALERT_WORDS[a.kind])} · ${t('fading.since', { date: dateInWords(a.since, false) })}`}
                />
              ))}
            </LinkList>
          </ShowMore>
        )}
      </Card>
      <Card id="fading-team-plans" title={t('fading.teamPlans')}>
        {plans.items === undefined ? (
          <LoadState loading={plans.loading} trouble={plans.trouble} />
        ) : plans.items.length === 0 ? (
          <p>{t('fading.noPlans')}</p>
        ) : (
          <ShowMore list={plans}>
            <div class="fading-table-wrap" role="group" aria-labelledby="fading-team-caption" tabIndex={0}>
              <table class="fading-table">
                <caption id="fading-team-caption">{t('fading.teamCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fading.col.client')}</th>
                    <th scope="col">{t('fading.col.week')}</th>
                    <th scope="col">{t('fading.col.planned')}</th>
                    <th scope="col">{t('fading.col.actual')}</th>
                    <th scope="col">{t('fading.col.presence')}</th>
                    <th scope="col">{t('fading.col.own')}</th>
                    <th scope="col">{t('fading.alerts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plans.items.map((p) => (
                    <tr key={`${p.clientId}-${p.jobId}`}>
                      <th scope="row">
                        <a href={planHref(p.clientId, p.jobId)} onClick={onLinkClick} dir="auto">
                          {p.clientName}
                        </a>
                        <br />
                        <span class="muted" dir="auto">
                          {p.jobTitle}
                        </span>
                      </th>
                      <td>{p.latest ? dateInWords(p.latest.weekStart, false) : t('fading.none')}</td>
                      <td>{hours(p.latest?.plannedMinutes)}</td>
                      <td>{p.latest ? hours(p.latest.coachMinutes) : t('fading.none')}</td>
                      <td>{percent(p.latest?.presencePercent)}</td>
                      <td>{percent(p.latest?.independentPercent)}</td>
                      <td>{p.alerts.length ? p.alerts.map((k) => t(ALERT_WORDS[k])).join('; ') : t('fading.none')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </ShowMore>
        )}
      </Card>
    </Page>
  );
}
