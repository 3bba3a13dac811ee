import { pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { ItemList, LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import { stageInWords } from '../clients/stages';
import { RecentInvitations } from '../invitations/RecentInvitations';
import { HelpRequests } from '../tasks/coach/HelpRequests';
import { TeamHelpTime } from './TeamHelpTime';

/** A coordinator's home: the team's caseload (a page at a time: a team can be large), its
 * coaches, and inviting clients. */
export default function CoordinatorHome() {
  const caseload = usePages(() => pages.first('/api/clients'));
  const clients = caseload.items;
  const data = useResource(async () => {
    const [teams, people] = await Promise.all([
      pages.all('/api/teams', { query: { limit: 200 } }),
      pages.all('/api/people', { query: { limit: 200 } }),
    ]);
    return { team: teams[0], coaches: people.filter((p) => p.role === 'coach') };
  });
  const team = data.data?.team;
  return (
    <Page title={team ? team.name : t('home.coordinator.title')}>
      <HelpRequests />
      <div class="actions">
        <LinkButton href="/invite?role=client" variant="primary" block>
          {t('home.inviteClient')}
        </LinkButton>
        <LinkButton href="/invite?role=family">{t('client.inviteFamily')}</LinkButton>
        <LinkButton href="/week">{t('week.open')}</LinkButton>
        <LinkButton href="/opportunities">{t('opportunities.caseloadTitle')}</LinkButton>
        <LinkButton href="/team-development">{t('competence.open.team')}</LinkButton>
        <LinkButton href="/development">{t('competence.open.my')}</LinkButton>
      </div>
      <Card id="caseload" title={t('home.coordinator.clients')}>
        {clients === undefined ? (
          <LoadState loading={caseload.loading} trouble={caseload.trouble} />
        ) : clients.length === 0 ? (
          <p>{t('home.coordinator.noClients')}</p>
        ) : (
          <ShowMore list={caseload}>
            <LinkList label={t('home.coordinator.clients')}>
              {clients.map((client) => (
                <LinkListItem
                  key={client.id}
                  href={`/clients/${client.id}`}
                  title={client.displayName}
                  detail={[
                    stageInWords(client.stage),
                    client.stageOverdue ? t('journey.overdueShort') : '',
                    t('client.coachIs', { name: client.coachName ?? t('client.noCoach') }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              ))}
            </LinkList>
          </ShowMore>
        )}
      </Card>
      {data.data === undefined ? (
        <LoadState loading={data.loading} trouble={data.trouble} />
      ) : (
        <>
          {team && (
            <Card id="help-time" title={t('team.helpTime.title')}>
              <TeamHelpTime team={team} />
            </Card>
          )}
          <Card id="coaches" title={t('home.coordinator.coaches')}>
            {data.data.coaches.length === 0 ? (
              <p>{t('home.coordinator.noCoaches')}</p>
            ) : (
              <ItemList>
                {data.data.coaches.map((coach) => (
                  <li key={coach.id}>{coach.displayName}</li>
                ))}
              </ItemList>
            )}
          </Card>
        </>
      )}
      <RecentInvitations />
    </Page>
  );
}
