import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, pages, type ClientSummary, type Invitation, type Person, type Role, type Schemas, type Team } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Choices, Form, SelectField, TextField, type Choice } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useMe } from '../../session';

type Delivery = 'qr' | 'link';

/** Who may invite whom (mirrors backend/accounts/invitations.py: create). */
export function rolesFor(inviter: Role): Role[] {
  if (inviter === 'admin') return ['coach', 'coordinator', 'client', 'family', 'mentor', 'admin'];
  if (inviter === 'coordinator' || inviter === 'coach') return ['client', 'family', 'mentor'];
  return [];
}

interface Preset {
  role?: string | null;
  clientId?: string | null;
}

interface Options {
  teams: Team[];
  coaches: Person[];
  clients: ClientSummary[];
}

export function InviteForm({ preset, onCreated }: { preset: Preset; onCreated: (invitation: Invitation) => void }) {
  const me = useMe();
  const roles = rolesFor(me.role);
  const firstRole = roles.find((r) => r === preset.role) ?? roles[0] ?? 'client';
  const [role, setRole] = useState<Role>(firstRole);
  const [displayName, setDisplayName] = useState('');
  const [delivery, setDelivery] = useState<Delivery>('qr');
  const [teamId, setTeamId] = useState('');
  const [coachId, setCoachId] = useState('');
  const [clientId, setClientId] = useState(preset.clientId ?? '');
  const [relation, setRelation] = useState('');
  const [options, setOptions] = useState<Options>({ teams: [], coaches: [], clients: [] });
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const notice = useRef<HTMLDivElement>(null);

  // A mentor joins the inviter's team; an administrator chooses one.
  const needsTeam = role === 'coordinator' || role === 'coach' || (role === 'mentor' && me.role === 'admin');
  const needsCoach = role === 'client' && me.role !== 'coach';
  const needsClient = role === 'family';

  useEffect(() => {
    let live = true;
    const load = async () => {
      const [teams, people, clients] = await Promise.all([
        me.role === 'admin' ? pages.all('/api/teams', { query: { limit: 200 } }) : Promise.resolve([]),
        me.role === 'coach' ? Promise.resolve([]) : pages.all('/api/people', { query: { limit: 200 } }),
        pages.all('/api/clients', { query: { limit: 200 } }),
      ]);
      if (!live) return;
      setOptions({ teams, coaches: people.filter((p) => p.role === 'coach'), clients });
    };
    load().catch((error: unknown) => live && setTrouble(describe(error)));
    return () => {
      live = false;
    };
  }, [me.role]);

  useLayoutEffect(() => {
    if (trouble) notice.current?.focus();
  }, [trouble]);

  const teamName = (id: string | null) => options.teams.find((team) => team.id === id)?.name;

  async function submit() {
    setTrouble(null);
    if (!displayName.trim()) {
      setTrouble({ title: t('form.fixErrors'), fields: { displayName: t('invite.error.name') } });
      return;
    }
    const body: Schemas['InvitationCreate'] = { role, displayName: displayName.trim(), delivery };
    if (needsTeam) body.teamId = teamId || null;
    if (needsCoach) body.coachId = coachId || null;
    if (needsClient) {
      body.clientId = clientId || null;
      if (relation.trim()) body.relation = relation.trim();
    }
    setBusy(true);
    try {
      onCreated(await api.post('/api/invitations', { body }));
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const roleChoices: Choice<Role>[] = roles.map((value) => ({
    value,
    label: t(`role.${value}`),
    hint: t(`invite.roleHint.${value}`),
  }));
  const deliveryChoices: Choice<Delivery>[] = [
    { value: 'qr', label: t('invite.delivery.qr'), hint: t('invite.delivery.qrHint') },
    { value: 'link', label: t('invite.delivery.link'), hint: t('invite.delivery.linkHint') },
  ];
  const fields = trouble?.fields ?? {};

  return (
    <Form onSubmit={() => void submit()} label={t('invite.title')}>
      {trouble && (
        <Notice kind="error" title={trouble.title} noticeRef={notice}>
          {Object.keys(fields).length > 0 && <p>{t('form.seeFields')}</p>}
        </Notice>
      )}
      {roles.length > 1 && (
        <Choices id="role" legend={t('invite.role')} value={role} choices={roleChoices} onValue={setRole} error={fields.role} />
      )}
      <TextField
        id="displayName"
        label={t('invite.name')}
        hint={t('invite.nameHint')}
        value={displayName}
        onValue={setDisplayName}
        maxLength={120}
        autoComplete="off"
        error={fields.displayName}
      />
      {needsTeam && (
        <SelectField id="teamId" label={t('invite.team')} value={teamId} onValue={setTeamId} error={fields.teamId}>
          <option value="">{t('invite.choose')}</option>
          {options.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
      )}
      {needsCoach && (
        <SelectField id="coachId" label={t('invite.coach')} value={coachId} onValue={setCoachId} error={fields.coachId}>
          <option value="">{t('invite.choose')}</option>
          {options.coaches.map((coach) => (
            <option key={coach.id} value={coach.id}>
              {me.role === 'admin' && teamName(coach.teamId)
                ? `${coach.displayName} (${teamName(coach.teamId) ?? ''})`
                : coach.displayName}
            </option>
          ))}
        </SelectField>
      )}
      {needsClient && (
        <>
          <SelectField id="clientId" label={t('invite.client')} value={clientId} onValue={setClientId} error={fields.clientId}>
            <option value="">{t('invite.choose')}</option>
            {options.clients.map((client) => (
              <option key={client.id} value={client.id}>
                {client.displayName}
              </option>
            ))}
          </SelectField>
          <TextField
            id="relation"
            label={t('invite.relation')}
            hint={t('invite.relationHint')}
            value={relation}
            onValue={setRelation}
            maxLength={60}
            error={fields.relation}
          />
        </>
      )}
      <Choices
        id="delivery"
        legend={t('invite.delivery')}
        value={delivery}
        choices={deliveryChoices}
        onValue={setDelivery}
        error={fields.delivery}
      />
      <Button type="submit" variant="primary" block busy={busy}>
        {t('invite.submit')}
      </Button>
    </Form>
  );
}
