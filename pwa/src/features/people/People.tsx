import { useState } from 'preact/hooks';
import { api, pages, type Person } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { ConfirmDialog } from '../../components/Dialog/Dialog';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDate, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { useMe } from '../../session';
import { EraseDialog, erasedInWords } from '../privacy/EraseDialog';
import { RecoveryDialog } from './RecoveryDialog';
import { TeamDialog } from './TeamDialog';
import './People.css';

/** `/people`: administrators see everyone; coordinators the staff of their team. */
export default function People() {
  const me = useMe();
  // Everyone, a page at a time (an organisation has thousands); the teams, all of them, to name
  // each person's and to move a person to.
  const people = usePages(() => pages.first('/api/people'));
  const teams = useResource(async () => {
    const all = await pages.all('/api/teams', { query: { limit: 200 } });
    return { teamList: all, teams: new Map(all.map((team) => [team.id, team.name])) };
  });
  const data = {
    data: people.items && teams.data ? { people: people.items, ...teams.data } : undefined,
    loading: people.loading || teams.loading,
    trouble: people.trouble ?? teams.trouble,
    reload: () => Promise.all([people.reload(), teams.reload()]),
  };
  const [recoveryFor, setRecoveryFor] = useState<Person | null>(null);
  const [revoking, setRevoking] = useState<Person | null>(null);
  const [erasing, setErasing] = useState<Person | null>(null);
  const [moving, setMoving] = useState<Person | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      await api.post('/api/people/{user_id}/revoke', { path: { user_id: revoking.id } });
      setMessage({ kind: 'success', text: t('people.revoked', { name: revoking.displayName }) });
      await data.reload();
    } catch (error) {
      setMessage({ kind: 'error', text: describe(error).title });
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  }

  /** Clients and family members are erased here on their request (staff are not: docs/privacy.md). */
  const mayErase = (person: Person) => me.role === 'admin' && (person.role === 'client' || person.role === 'family');

  /** Administrators move staff between teams (PATCH /api/people/{id}). */
  const mayMove = (person: Person) =>
    me.role === 'admin' && (person.role === 'coach' || person.role === 'coordinator');

  /** Coordinators may issue new links for their team's coaches (backend may_recover). */
  const mayRecover = (person: Person) =>
    person.id !== me.id && (me.role === 'admin' || person.role === 'coach');

  return (
    <Page title={t('people.title')} back={{ href: '/', label: t('nav.home') }}>
      <p class="lead">{me.role === 'admin' ? t('people.introAdmin') : t('people.introCoordinator')}</p>
      {message && <Notice kind={message.kind} title={message.text} />}
      {data.data === undefined ? (
        <LoadState loading={data.loading} trouble={data.trouble} />
      ) : (
        <ShowMore list={people}>
          <ItemList label={t('people.title')}>
            {data.data.people.map((person) => {
              const team = person.teamId ? data.data?.teams.get(person.teamId) : undefined;
              return (
                <li key={person.id} class="person">
                  <h2 class="person__name">{person.displayName}</h2>
                  <p class="person__facts">
                    {t(`role.${person.role}`)}
                    {team && ` · ${team}`}
                    {' · '}
                    {t('people.passkeys', { count: person.passkeyCount })}
                    {' · '}
                    {t('people.since', { date: formatDate(person.createdAt) })}
                  </p>
                  {(mayRecover(person) || (me.role === 'admin' && person.id !== me.id)) && (
                    <div class="actions">
                      {mayRecover(person) && (
                        <Button onClick={() => setRecoveryFor(person)}>
                          {t('recovery.button')}
                          <span class="visually-hidden"> {t('recovery.for', { name: person.displayName })}</span>
                        </Button>
                      )}
                      {mayMove(person) && (
                        <Button data-action="team" onClick={() => setMoving(person)}>
                          {t('people.teamButton')}
                          <span class="visually-hidden"> {t('recovery.for', { name: person.displayName })}</span>
                        </Button>
                      )}
                      {me.role === 'admin' && person.passkeyCount > 0 && (
                        <Button variant="danger" onClick={() => setRevoking(person)}>
                          {t('people.revoke')}
                          <span class="visually-hidden"> {t('recovery.for', { name: person.displayName })}</span>
                        </Button>
                      )}
                      {mayErase(person) && (
                        <Button variant="danger" data-action="erase" onClick={() => setErasing(person)}>
                          {t('erase.button')}
                          <span class="visually-hidden"> {t('erase.for', { name: person.displayName })}</span>
                        </Button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ItemList>
        </ShowMore>
      )}
      <RecoveryDialog person={recoveryFor} onClose={() => setRecoveryFor(null)} />
      <TeamDialog
        person={moving}
        teams={data.data?.teamList ?? []}
        onClose={() => setMoving(null)}
        onMoved={(person) => {
          setMoving(null);
          const team = person.teamId ? data.data?.teams.get(person.teamId) : undefined;
          setMessage({
            kind: 'success',
            text: team
              ? t('people.teamMoved', { name: person.displayName, team })
              : t('people.teamLeft', { name: person.displayName }),
          });
          void data.reload();
        }}
      />
      <EraseDialog
        person={erasing}
        onClose={() => setErasing(null)}
        onErased={(name, report) => {
          setErasing(null);
          setMessage({ kind: 'success', text: erasedInWords(name, report) });
          void data.reload();
        }}
      />
      <ConfirmDialog
        id="revoke"
        open={revoking !== null}
        title={t('people.revokeTitle', { name: revoking?.displayName ?? '' })}
        confirmLabel={t('people.revokeConfirm')}
        cancelLabel={t('people.revokeCancel')}
        danger
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      >
        <p>{t('people.revokeText', { name: revoking?.displayName ?? '' })}</p>
      </ConfirmDialog>
    </Page>
  );
}
