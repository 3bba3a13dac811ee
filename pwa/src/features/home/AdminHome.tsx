import { useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, TextField } from '../../components/Field/Field';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { RecentInvitations } from '../invitations/RecentInvitations';
import { TeamHelpTime } from './TeamHelpTime';

function Teams() {
  const teams = useResource(() => pages.all('/api/teams', { query: { limit: 200 } }));
  const [name, setName] = useState('');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setTrouble(null);
    setCreated(null);
    if (!name.trim()) {
      setTrouble({ title: t('form.fixErrors'), fields: { name: t('teams.error.name') } });
      return;
    }
    setBusy(true);
    try {
      const team = await api.post('/api/teams', { body: { name: name.trim() } });
      setCreated(team.name);
      setName('');
      await teams.reload();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="teams" title={t('teams.title')}>
      {teams.data === undefined ? (
        <LoadState loading={teams.loading} trouble={teams.trouble} />
      ) : teams.data.length === 0 ? (
        <p>{t('teams.none')}</p>
      ) : (
        <ItemList label={t('teams.title')}>
          {teams.data.map((team) => (
            <li key={team.id}>
              <strong>{team.name}</strong>
              <br />
              <span class="muted">
                {t('teams.counts', { coaches: team.coachCount, clients: team.clientCount })}
                {team.coordinators.length > 0 &&
                  ` · ${t('teams.coordinators', {
                    names: team.coordinators.map((c) => c.displayName).join(', '),
                  })}`}
              </span>
              <TeamHelpTime team={team} />
            </li>
          ))}
        </ItemList>
      )}
      {created && <Notice kind="success" title={t('teams.created', { name: created })} />}
      {trouble && !trouble.fields.name && <Notice kind="error" title={trouble.title} />}
      <Form onSubmit={() => void create()} label={t('teams.create')}>
        <TextField
          id="name"
          label={t('teams.name')}
          value={name}
          onValue={setName}
          maxLength={120}
          error={trouble?.fields.name}
        />
        <Button type="submit" busy={busy}>
          {t('teams.create')}
        </Button>
      </Form>
    </Card>
  );
}

function Organisation() {
  const org = useResource(() => api.get('/api/organisation'));
  return (
    <Card id="organisation" title={t('organisation.open')}>
      {org.data === undefined ? (
        <LoadState loading={org.loading} trouble={org.trouble} />
      ) : org.data.configured ? (
        <p>{t('organisation.cardText')}</p>
      ) : (
        <Notice kind="info" title={t('organisation.notSet')} live={false} />
      )}
      <LinkButton href="/organisation">{t('organisation.open')}</LinkButton>
      <LinkButton href="/team-development">{t('competence.open.team')}</LinkButton>
    </Card>
  );
}

/** An administrator's home: teams, people, invitations, the organisation and the audit log. */
export default function AdminHome() {
  const me = useMe();
  const people = useResource(() => pages.all('/api/people', { query: { limit: 200 } }));
  return (
    <Page title={t('home.admin.title')}>
      <p class="lead">{t('home.helloLead', { name: me.displayName })}</p>
      <div class="actions">
        <LinkButton href="/invite" variant="primary" block>
          {t('home.admin.invite')}
        </LinkButton>
      </div>
      <Teams />
      <Card id="people" title={t('people.title')}>
        {people.data === undefined ? (
          <LoadState loading={people.loading} trouble={people.trouble} />
        ) : (
          <p>{t('home.admin.peopleCount', { count: people.data.length })}</p>
        )}
        <LinkButton href="/people">{t('home.admin.seePeople')}</LinkButton>
      </Card>
      <RecentInvitations />
      <Organisation />
      <Card id="audit" title={t('audit.title')}>
        <p>{t('home.admin.auditText')}</p>
        <LinkButton href="/audit">{t('home.admin.openAudit')}</LinkButton>
      </Card>
    </Page>
  );
}
