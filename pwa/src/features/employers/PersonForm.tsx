import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Form, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { sendOrKeep } from './offline';
import type { EmployerPerson } from './words';

interface Draft {
  name: string;
  role: string;
  phone: string;
  email: string;
}

/** A person at an employer, with only what the work needs: name, role at work, phone, e-mail. */
export function PersonForm({
  employerId,
  person,
  onSaved,
}: {
  employerId: string;
  /** The person to change, or null to add one. */
  person: EmployerPerson | null;
  onSaved: (saved: EmployerPerson) => void;
}) {
  const empty = { name: '', role: '', phone: '', email: '' };
  const [draft, setDraft] = useState<Draft>(person ? { ...person } : empty);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const [writeId, setWriteId] = useState(() => crypto.randomUUID());
  const [kept, setKept] = useState(false);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const fields = trouble?.fields ?? {};
  const prefix = person ? `person-${person.id}` : 'new-person';

  async function save() {
    if (!draft.name.trim()) {
      setTrouble({ title: t('form.fixErrors'), fields: { name: t('contacts.nameMissing') } });
      return;
    }
    setTrouble(null);
    setKept(false);
    setBusy(true);
    const body = {
      name: draft.name.trim(),
      role: draft.role.trim(),
      phone: draft.phone.trim(),
      email: draft.email.trim(),
    };
    try {
      if (person) {
        onSaved(await api.patch('/api/employer-people/{person_id}', { path: { person_id: person.id }, body }));
        return;
      }
      const write = { ...body, localId: writeId };
      const saved = await sendOrKeep(
        () => api.post('/api/employers/{employer_id}/people', { path: { employer_id: employerId }, body: write }),
        { kind: 'contact', path: `/api/employers/${employerId}/people`, employerId, body: write },
      );
      setDraft(empty);
      setWriteId(crypto.randomUUID());
      if (saved) onSaved(saved);
      else setKept(true);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void save()} label={person ? t('contacts.change') : t('contacts.add')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {kept && <Notice kind="success" title={t('employers.kept')} />}
      <TextField
        id={`${prefix}-name`}
        label={t('contacts.name')}
        value={draft.name}
        onValue={(name) => set({ name })}
        maxLength={120}
        error={fields.name}
        dir="auto"
      />
      <TextField
        id={`${prefix}-role`}
        label={t('contacts.role')}
        hint={t('contacts.roleHint')}
        value={draft.role}
        onValue={(role) => set({ role })}
        maxLength={120}
        error={fields.role}
        dir="auto"
      />
      <TextField
        id={`${prefix}-phone`}
        label={t('contacts.phone')}
        value={draft.phone}
        onValue={(phone) => set({ phone })}
        maxLength={40}
        autoComplete="off"
        error={fields.phone}
        dir="ltr"
      />
      <TextField
        id={`${prefix}-email`}
        type="email"
        label={t('contacts.email')}
        value={draft.email}
        onValue={(email) => set({ email })}
        maxLength={254}
        error={fields.email}
        dir="ltr"
      />
      <Button type="submit" variant={person ? 'primary' : 'secondary'} busy={busy}>
        {person ? t('contacts.save') : t('contacts.addSave')}
      </Button>
    </Form>
  );
}
