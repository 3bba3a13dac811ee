import { pages } from '../../api/client';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { backFromMore } from '../../components/Layout/nav';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { useMe } from '../../session';
import { partnerInWords, statusName } from './words';

/** `/agreements`: a client's agreements with their coach or mentors, every one kept. */
export default function MyAgreements() {
  const me = useMe();
  const list = usePages(() => pages.first('/api/me/agreements'));
  const items = list.items;
  return (
    <Page title={t('agreements.myTitle')} back={backFromMore(me.role)}>
      <p>{t('agreements.myIntro')}</p>
      {items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : items.length === 0 ? (
        <p>{t('agreements.none')}</p>
      ) : (
        <ShowMore list={list}>
          <LinkList label={t('agreements.myTitle')}>
            {items.map((agreement) => (
              <LinkListItem
                key={agreement.id}
                href={`/agreements/${agreement.id}`}
                title={partnerInWords(agreement)}
                detail={statusName(agreement.status, true)}
              />
            ))}
          </LinkList>
        </ShowMore>
      )}
    </Page>
  );
}
