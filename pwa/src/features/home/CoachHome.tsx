import { pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { stageInWords } from '../clients/stages';
import { useConversationsDue } from '../pta/due';
import { RecentInvitations } from '../invitations/RecentInvitations';
import { HelpRequests } from '../tasks/coach/HelpRequests';

/** A coach's home: open requests for help, "My clients", and inviting a new client. */
export default function CoachHome() {
  const caseload = usePages(() => pages.first('/api/clients'));
  const clients = caseload.items;
  const due = useConversationsDue();
  return (
    <Page title={t('home.coach.title')}>
      <HelpRequests />
      <div class="actions">
        <LinkButton href="/invite?role=client" variant="primary" block>
          {t('home.inviteClient')}
        </LinkButton>
        <LinkButton href="/invite?role=family">{t('client.inviteFamily')}</LinkButton>
        <LinkButton href="/week">{t('week.open')}</LinkButton>
        <LinkButton href="/recap">{t('recap.open')}</LinkButton>
        <LinkButton href="/opportunities">{t('opportunities.caseloadTitle')}</LinkButton>
        <LinkButton href="/development">{t('competence.open.my')}</LinkButton>
      </div>
      {clients === undefined ? (
        <LoadState loading={caseload.loading} trouble={caseload.trouble} />
      ) : clients.length === 0 ? (
        <p>{t('home.coach.empty')}</p>
      ) : (
        <ShowMore list={caseload}>
          <LinkList label={t('home.coach.title')}>
            {clients.map((client) => (
              <LinkListItem
                key={client.id}
                href={`/clients/${client.id}`}
                title={client.displayName}
                detail={[
                  stageInWords(client.stage),
                  client.stageOverdue ? t('journey.overdueShort') : '',
                  due.has(client.id) ? t('pta.dueShort') : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            ))}
          </LinkList>
        </ShowMore>
      )}
      <RecentInvitations />
    </Page>
  );
}
