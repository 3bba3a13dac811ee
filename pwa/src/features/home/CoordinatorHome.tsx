import { pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { ItemList, LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { stageInWords } from '../clients/stages';
import { RecentInvitations } from '../invitations/RecentInvitations';
import { HelpRequests } from '../tasks/coach/HelpRequests';
import { TeamHelpTime } from './TeamHelpTime';

/** A coordinator's home: the team's caseload, its coaches, and inviting clients. */
export default function CoordinatorHome() {
  const data = useResource(async () => {
    const [teams, clients, people] = await Promise.all([
      pages.all('/api/teams', { query: { limit: 200 } }),
      pages.all('/api/clients', { query: { limit: 200 } }),
      pages.all('/api/people', { query: { limit: 200 } }),
    ]);
    return { team: teams[0], clients, coaches: people.filter((p) => p.role === 'coach') };
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
      </div>
      {data.data === undefined ? (
        <LoadState loading={data.loading} trouble={data.trouble} />
      ) : (
        <>
          <Card id="caseload" title={t('home.coordinator.clients')}>
            {data.data.clients.length === 0 ? (
              <p>{t('home.coordinator.noClients')}</p>
            ) : (
              <LinkList>
                {data.data.clients.map((client) => (
                  <LinkListItem
                    key={client.id}
                    href={`/clients/${client.id}`}
                    title={client.displayName}
                    detail={`${stageInWords(client.stage)} · ${t('client.coachIs', {
                      name: client.coachName ?? t('client.noCoach'),
                    })}`}
                  />
                ))}
              </LinkList>
            )}
          </Card>
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
