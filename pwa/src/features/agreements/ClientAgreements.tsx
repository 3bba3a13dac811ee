import { api, pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import { partnerInWords, statusName } from './words';

/** `/clients/:id/agreements`: a client's agreements for staff, and writing a new one. */
export default function ClientAgreements({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const list = usePages(() => pages.first('/api/clients/{client_id}/agreements', { path: { client_id: id } }), [id]);
  const record = useResource(() => api.get('/api/clients/{client_id}', { path: { client_id: id } }), [id]);
  const items = list.items;
  const name = record.data?.displayName ?? '';
  return (
    <Page
      title={name ? t('agreements.clientTitle', { name }) : t('app.loading')}
      back={{ href: `/clients/${id}`, label: t('goals.coach.back') }}
    >
      <p>
        <LinkButton href={`/clients/${id}/agreements/new`} variant="primary">
          {t('agreements.new')}
        </LinkButton>
      </p>
      {items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : items.length === 0 ? (
        <p>{t('agreements.noneForClient')}</p>
      ) : (
        <ShowMore list={list}>
          <LinkList label={t('agreements.title')}>
            {items.map((agreement) => (
              <LinkListItem
                key={agreement.id}
                href={`/agreements/${agreement.id}`}
                title={partnerInWords(agreement)}
                detail={statusName(agreement.status)}
              />
            ))}
          </LinkList>
        </ShowMore>
      )}
    </Page>
  );
}
