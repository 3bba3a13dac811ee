import { useState } from 'preact/hooks';
import { api, type Person, type Team } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Dialog } from '../../components/Dialog/Dialog';
import { Form, SelectField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';

/** The value of "no team" in the list (a select cannot hold null). */
const NO_TEAM = 'none';

interface Props {
  person: Person | null;
  teams: Team[];
  onClose: () => void;
  onMoved: (person: Person) => void;
}

/** An administrator moves a coach or coordinator to another team; a coach's clients go along. */
export function TeamDialog({ person, teams, onClose, onMoved }: Props) {
  return (
    <Dialog
      id="change-team"
      title={t('people.teamTitle', { name: person?.displayName ?? '' })}
      open={person !== null}
      onClose={onClose}
    >
      {person && <TeamForm person={person} teams={teams} onClose={onClose} onMoved={onMoved} />}
    </Dialog>
  );
}

function TeamForm({ person, teams, onClose, onMoved }: Props & { person: Person }) {
  const [team, setTeam] = useState(person.teamId ?? NO_TEAM);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);

  async function save() {
    setBusy(true);
    setTrouble(null);
    try {
      onMoved(
        await api.patch('/api/people/{user_id}', {
          path: { user_id: person.id },
          body: { teamId: team === NO_TEAM ? null : team },
        }),
      );
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void save()}>
      {trouble && !trouble.fields.teamId && <Notice kind="error" title={trouble.title} />}
      <SelectField
        id="team"
        label={t('people.team')}
        hint={person.role === 'coach' ? t('people.teamHintCoach') : t('people.teamHintCoordinator')}
        value={team}
        onValue={setTeam}
        error={trouble?.fields.teamId}
      >
        {teams.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
        <option value={NO_TEAM}>{t('people.noTeam')}</option>
      </SelectField>
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('people.teamSave')}
        </Button>
        <Button onClick={onClose}>{t('action.cancel')}</Button>
      </div>
    </Form>
  );
}
