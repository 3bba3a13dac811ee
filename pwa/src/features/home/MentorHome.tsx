import { pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { statusName, type Agreement } from '../agreements/words';

interface Mentee {
  id: string;
  name: string;
  agreements: Agreement[];
}

/** The mentor's agreements grouped by client, in the order the list gave them. */
function byClient(agreements: Agreement[]): Mentee[] {
  const found = new Map<string, Mentee>();
  for (const agreement of agreements) {
    const mentee = found.get(agreement.clientId) ?? { id: agreement.clientId, name: agreement.clientName, agreements: [] };
    mentee.agreements.push(agreement);
    found.set(agreement.clientId, mentee);
  }
  return [...found.values()];
}

/**
 * A mentor's home: the clients they mentor (or are asked to), each with their agreements and,
 * once both agreed, the way to the client's goals. A mentor sees nothing else of a client.
 */
export default function MentorHome() {
  const list = usePages(() => pages.first('/api/me/agreements'));
  const items = list.items;
  return (
    <Page title={t('mentor.title')}>
      {items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : items.length === 0 ? (
        <Notice>{t('mentor.none')}</Notice>
      ) : (
        <ShowMore list={list}>
          {byClient(items).map((mentee) => {
            const mentoring = mentee.agreements.some((a) => a.status !== 'ended' && a.inForce !== null);
            return (
              <Card key={mentee.id} id={`mentee-${mentee.id}`} title={mentee.name}>
                <LinkList label={t('mentor.agreementsOf', { name: mentee.name })}>
                  {mentee.agreements.map((agreement) => (
                    <LinkListItem
                      key={agreement.id}
                      href={`/agreements/${agreement.id}`}
                      title={t('agreements.title')}
                      detail={statusName(agreement.status)}
                    />
                  ))}
                </LinkList>
                {mentoring ? (
                  <>
                    <LinkButton href={`/mentoring/${mentee.id}/goals`}>
                      {t('mentor.goals')}
                      <span class="visually-hidden"> {t('mentor.of', { name: mentee.name })}</span>
                    </LinkButton>
                    <LinkButton href={`/clients/${mentee.id}/activities`}>
                      {t('mentor.activities')}
                      <span class="visually-hidden"> {t('mentor.of', { name: mentee.name })}</span>
                    </LinkButton>
                    <LinkButton href={`/family/profile/${mentee.id}`}>
                      {t('mentor.profile')}
                      <span class="visually-hidden"> {t('mentor.of', { name: mentee.name })}</span>
                    </LinkButton>
                    <LinkButton href={`/clients/${mentee.id}/opportunities`}>
                      {t('opportunities.title')}
                      <span class="visually-hidden"> {t('mentor.of', { name: mentee.name })}</span>
                    </LinkButton>
                  </>
                ) : (
                  <p>{t('mentor.afterSigning')}</p>
                )}
              </Card>
            );
          })}
        </ShowMore>
      )}
    </Page>
  );
}
