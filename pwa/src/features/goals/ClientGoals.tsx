import { api, pages, type Page as ListPage } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { byStatus, type Goal } from '../../data/goals';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import { GasChart } from './GasChart';
import { formatDay, gasInWords, statusInWords } from './words';
import './Goals.css';

export function goalDetail(goal: Goal): string {
  const parts = [
    statusInWords(goal),
    t('goals.period', { from: formatDay(goal.startsOn), to: formatDay(goal.endsOn) }),
  ];
  if (goal.checkIns.length) parts.push(t('goals.checkIn.count', { count: goal.checkIns.length }));
  if (goal.clientEvaluation) parts.push(t('goals.coach.clientRated', { rating: gasInWords(goal.clientEvaluation.rating) }));
  if (goal.coachEvaluation) parts.push(t('goals.coach.youRated', { rating: gasInWords(goal.coachEvaluation.rating) }));
  return parts.join(' · ');
}

/** Each page's goals by status (the server sends the latest end first): a page shown after
 * "Show more" comes after those already there. */
const byStatusPage = (page: ListPage<Goal>): ListPage<Goal> => ({ ...page, items: byStatus(page.items) });
const nextByStatus = async (page: ListPage<Goal>) => byStatusPage(await pages.more(page));

/** `/clients/:id/goals`: a client's goals for the coach, and the GAS T-score per period. */
export default function ClientGoals({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const record = useResource(() => api.get('/api/clients/{client_id}', { path: { client_id: id } }), [id]);
  const goals = usePages(
    async () => byStatusPage(await pages.first('/api/clients/{client_id}/goals', { path: { client_id: id } })),
    [id],
    nextByStatus,
  );
  const gas = useResource(() => api.get('/api/clients/{client_id}/gas', { path: { client_id: id } }), [id]);
  const name = record.data?.displayName ?? '';
  return (
    <Page
      title={name ? t('goals.coach.title', { name }) : t('app.loading')}
      back={{ href: `/clients/${id}`, label: t('goals.coach.back') }}
    >
      <LoadState loading={record.loading} trouble={record.trouble} />
      <div class="actions">
        <LinkButton href={`/clients/${id}/goals/new`} variant="primary">
          {t('goals.coach.new')}
        </LinkButton>
      </div>
      <Card id="goal-list" title={t('goals.coach.list')}>
        {goals.items === undefined ? (
          <LoadState loading={goals.loading} trouble={goals.trouble} />
        ) : goals.items.length === 0 ? (
          <p>{t('goals.coach.none')}</p>
        ) : (
          <ShowMore list={goals}>
            <LinkList label={t('goals.coach.list')}>
              {goals.items.map((goal) => (
                <LinkListItem
                  key={goal.id}
                  href={`/clients/${id}/goals/${goal.id}`}
                  title={goal.title}
                  detail={goalDetail(goal)}
                />
              ))}
            </LinkList>
          </ShowMore>
        )}
      </Card>
      <Card id="gas" title={t('gas.title')}>
        <p>{t('gas.intro')}</p>
        {gas.data === undefined ? (
          <LoadState loading={gas.loading} trouble={gas.trouble} />
        ) : (
          <GasChart summary={gas.data} />
        )}
      </Card>
    </Page>
  );
}
