import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Form, SelectField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';

const CHOICES = [0, 5, 10, 15, 20, 30, 45, 60];

/**
 * A team's setting (coordinators: their team; administrators: any): how long a request for
 * help made during a shift may wait for the client's coach before it also goes to the team's
 * other coaches and its coordinators. 0: never.
 */
export function TeamHelpTime({ team, onSaved }: { team: Schemas['Team']; onSaved?: () => void }) {
  const [minutes, setMinutes] = useState(String(team.helpEscalationMinutes ?? 10));
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState(false);
  const id = `help-time-${team.id}`;
  const choices = CHOICES.includes(Number(minutes))
    ? CHOICES
    : [...CHOICES, Number(minutes)].sort((a, b) => a - b);

  async function save() {
    setBusy(true);
    setTrouble(null);
    setSaved(false);
    try {
      await api.patch('/api/teams/{team_id}', {
        path: { team_id: team.id },
        body: { helpEscalationMinutes: Number(minutes) },
      });
      setSaved(true);
      onSaved?.();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void save()}>
      <SelectField
        id={id}
        label={t('team.helpTime.label', { team: team.name })}
        hint={t('team.helpTime.hint')}
        value={minutes}
        onValue={(value) => {
          setMinutes(value);
          setSaved(false);
        }}
        error={trouble?.fields.helpEscalationMinutes}
      >
        {choices.map((choice) => (
          <option key={choice} value={String(choice)}>
            {choice === 0 ? t('team.helpTime.never') : t('team.helpTime.minutes', { count: choice })}
          </option>
        ))}
      </SelectField>
      {saved && <Notice kind="success" title={t('team.helpTime.saved')} />}
      {trouble && !trouble.fields.helpEscalationMinutes && (
        <Notice kind="error" title={trouble.title} />
      )}
      <Button type="submit" busy={busy}>
        {t('team.helpTime.save')}
      </Button>
    </Form>
  );
}
