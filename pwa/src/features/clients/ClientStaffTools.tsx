import { useState } from 'preact/hooks';
import { api, pages, type ClientDetail, type Person } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Dialog } from '../../components/Dialog/Dialog';
import { Form, SelectField, TextAreaField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';

const SUMMARY_MAX = 2000;

interface Props {
  client: ClientDetail;
  /** The record as the server answered the change. */
  onChange: (client: ClientDetail) => void;
}

/**
 * On a client's page, for the staff who manage them: "Edit support summary" (coach,
 * coordinator, administrator) and "Move to another coach" (the team's coordinator, among the
 * team's coaches; administrators, among all). Each opens a dialog, so the page stays short.
 */
export function ClientStaffTools({ client, onChange }: Props) {
  const me = useMe();
  const [open, setOpen] = useState<'summary' | 'move' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (me.role !== 'admin' && me.role !== 'coordinator' && me.role !== 'coach') return null;
  const mayMove = me.role === 'admin' || me.role === 'coordinator';
  const finish = (changed: ClientDetail, message: string) => {
    onChange(changed);
    setOpen(null);
    setDone(message);
  };
  return (
    <div class="client-staff-tools">
      {done && <Notice kind="success" title={done} />}
      <div class="actions">
        <Button data-action="summary" onClick={() => setOpen('summary')}>
          {t('clientTools.editSummary')}
        </Button>
        {mayMove && (
          <Button data-action="move" onClick={() => setOpen('move')}>
            {t('clientTools.move')}
          </Button>
        )}
      </div>
      {open === 'summary' && (
        <SummaryDialog
          client={client}
          onClose={() => setOpen(null)}
          onSaved={(changed) => finish(changed, t('clientTools.summarySaved'))}
        />
      )}
      {open === 'move' && (
        <MoveDialog
          client={client}
          onClose={() => setOpen(null)}
          onMoved={(changed) =>
            finish(changed, t('clientTools.moved', { name: changed.displayName, coach: changed.coachName ?? '' }))
          }
        />
      )}
    </div>
  );
}

function SummaryDialog({
  client,
  onClose,
  onSaved,
}: {
  client: ClientDetail;
  onClose: () => void;
  onSaved: (client: ClientDetail) => void;
}) {
  const [text, setText] = useState(client.supportSummary);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);

  async function save() {
    setBusy(true);
    setTrouble(null);
    try {
      onSaved(
        await api.patch('/api/clients/{client_id}', {
          path: { client_id: client.id },
          body: { supportSummary: text.trim() },
        }),
      );
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog id="support-summary" title={t('clientTools.summaryTitle', { name: client.displayName })} open onClose={onClose}>
      <Form onSubmit={() => void save()}>
        {trouble && !trouble.fields.supportSummary && <Notice kind="error" title={trouble.title} />}
        <TextAreaField
          id="support-summary-text"
          label={t('clientTools.summaryLabel')}
          hint={t('clientTools.summaryHint')}
          value={text}
          onValue={setText}
          rows={6}
          maxLength={SUMMARY_MAX}
          dir="auto"
          error={trouble?.fields.supportSummary}
        />
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('clientTools.saveSummary')}
          </Button>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}

function MoveDialog({
  client,
  onClose,
  onMoved,
}: {
  client: ClientDetail;
  onClose: () => void;
  onMoved: (client: ClientDetail) => void;
}) {
  const me = useMe();
  // A coordinator's /api/people is their team's staff; an administrator's is everyone.
  const options = useResource(async () => {
    const [people, teams] = await Promise.all([pages.all('/api/people', { query: { limit: 200 } }), pages.all('/api/teams', { query: { limit: 200 } })]);
    const names = new Map(teams.map((team) => [team.id, team.name]));
    const coaches = people.filter(
      (p) => p.role === 'coach' && p.id !== client.coachId && (me.role === 'admin' || p.teamId === me.teamId),
    );
    return { coaches, names };
  });
  const [coach, setCoach] = useState('');
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);

  const label = (person: Person) => {
    const team = person.teamId ? options.data?.names.get(person.teamId) : undefined;
    return me.role === 'admin' && team ? `${person.displayName} (${team})` : person.displayName;
  };

  async function move() {
    setTrouble(null);
    if (!coach) {
      setTrouble({ title: t('clientTools.chooseCoach'), fields: { coachId: t('clientTools.chooseCoach') } });
      return;
    }
    setBusy(true);
    try {
      onMoved(await api.patch('/api/clients/{client_id}', { path: { client_id: client.id }, body: { coachId: coach } }));
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog id="move-client" title={t('clientTools.moveTitle', { name: client.displayName })} open onClose={onClose}>
      {!options.data ? (
        <LoadState loading={options.loading} trouble={options.trouble} />
      ) : options.data.coaches.length === 0 ? (
        <>
          <p>{t('clientTools.noOtherCoach')}</p>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
        </>
      ) : (
        <Form onSubmit={() => void move()}>
          {trouble && !trouble.fields.coachId && <Notice kind="error" title={trouble.title} />}
          <p>{t('clientTools.moveNow', { coach: client.coachName ?? t('client.noCoach') })}</p>
          <SelectField
            id="new-coach"
            label={t('clientTools.newCoach')}
            hint={t('clientTools.moveHint', { name: client.displayName })}
            value={coach}
            onValue={setCoach}
            error={trouble?.fields.coachId}
          >
            <option value="">{t('clientTools.choose')}</option>
            {options.data.coaches.map((person) => (
              <option key={person.id} value={person.id}>
                {label(person)}
              </option>
            ))}
          </SelectField>
          <div class="actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t('clientTools.moveConfirm', { name: client.displayName })}
            </Button>
            <Button onClick={onClose}>{t('action.cancel')}</Button>
          </div>
        </Form>
      )}
    </Dialog>
  );
}
