import { pages } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { ItemList } from '../../components/List/List';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { formatDay } from '../goals/words';

/** `/mentoring/:id/goals`: a mentored client's goals, to read (a mentor changes nothing). */
export default function MentorGoals({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const list = usePages(() => pages.first('/api/clients/{client_id}/goals', { path: { client_id: id } }), [id]);
  const items = list.items;
  return (
    <Page title={t('mentor.goalsTitle')} back={{ href: '/', label: t('nav.home') }}>
      {items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : items.length === 0 ? (
        <p>{t('mentor.noGoals')}</p>
      ) : (
        <ShowMore list={list}>
          <ItemList label={t('mentor.goalsTitle')}>
            {items.map((goal) => (
              <li key={goal.id} class="item-list__item">
                <strong dir="auto">{goal.title}</strong>
                <p>{t('mentor.goalDates', { start: formatDay(goal.startsOn), end: formatDay(goal.endsOn) })}</p>
                <ul>
                  {goal.means.map((mean, index) => (
                    <li key={index} dir="auto">
                      {mean}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ItemList>
        </ShowMore>
      )}
    </Page>
  );
}
