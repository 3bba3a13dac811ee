import { moreFor } from '../../components/Layout/nav';
import { LinkList, LinkListItem } from '../../components/List/List';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useSession } from '../../session';

/** `/more`: a client's other destinations, one tap each, behind the fourth tab; a staff
 * member's less daily ones (people, the audit log, their passkeys, settings). */
export default function More() {
  const { me } = useSession();
  return (
    <Page title={t('nav.more')} titleId="more-title">
      <LinkList label={t('nav.more')}>
        {moreFor(me?.role).map((item) => (
          <LinkListItem key={item.href} href={item.href} title={t(item.label)} />
        ))}
      </LinkList>
      {/* The language choice is at the foot of every screen; on a long screen it is far. */}
      <p>
        <a class="button button--quiet" href="#language-title">
          {t('more.language')}
        </a>
      </p>
    </Page>
  );
}
