import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Form, TextAreaField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { sendOrKeep } from './offline';
import type { EmployerDetail } from './words';

interface Draft {
  name: string;
  address: string;
  sector: string;
  notes: string;
}

/** Enter an employer in the register, or change one: name, address, line of business, notes. */
export function EmployerForm({
  employer,
  onSaved,
  onCancel,
}: {
  /** The employer to change, or null to enter a new one. */
  employer: EmployerDetail | null;
  onSaved: (saved: EmployerDetail) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>({
    name: employer?.name ?? '',
    address: employer?.address ?? '',
    sector: employer?.sector ?? '',
    notes: employer?.notes ?? '',
  });
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per employer being entered: pressing "Save" twice (or a retry) enters it once.
  const [writeId, setWriteId] = useState(() => crypto.randomUUID());
  const [kept, setKept] = useState(false);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const fields = trouble?.fields ?? {};

  async function save() {
    if (!draft.name.trim()) {
      setTrouble({ title: t('form.fixErrors'), fields: { name: t('employers.nameMissing') } });
      return;
    }
    setTrouble(null);
    setKept(false);
    setBusy(true);
    const body = {
      name: draft.name.trim(),
      address: draft.address.trim(),
      sector: draft.sector.trim(),
      notes: draft.notes.trim(),
    };
    try {
      if (employer) {
        onSaved(await api.patch('/api/employers/{employer_id}', { path: { employer_id: employer.id }, body }));
        return;
      }
      const write = { ...body, localId: writeId };
      const saved = await sendOrKeep(() => api.post('/api/employers', { body: write }), {
        kind: 'employer',
        path: '/api/employers',
        body: write,
      });
      if (saved) {
        onSaved(saved);
        return;
      }
      setKept(true);
      setWriteId(crypto.randomUUID());
      setDraft({ name: '', address: '', sector: '', notes: '' });
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void save()} label={employer ? t('employers.change') : t('employers.add')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {kept && <Notice kind="success" title={t('employers.kept')} />}
      <TextField
        id="employer-name"
        label={t('employers.name')}
        value={draft.name}
        onValue={(name) => set({ name })}
        maxLength={160}
        error={fields.name}
        dir="auto"
      />
      <TextField
        id="employer-address"
        label={t('employers.address')}
        hint={t('employers.addressHint')}
        value={draft.address}
        onValue={(address) => set({ address })}
        maxLength={300}
        error={fields.address}
        dir="auto"
      />
      <TextField
        id="employer-sector"
        label={t('employers.sector')}
        hint={t('employers.sectorHint')}
        value={draft.sector}
        onValue={(sector) => set({ sector })}
        maxLength={120}
        error={fields.sector}
        dir="auto"
      />
      <TextAreaField
        id="employer-notes"
        label={t('employers.notes')}
        value={draft.notes}
        onValue={(notes) => set({ notes })}
        maxLength={2000}
        error={fields.notes}
        dir="auto"
      />
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {employer ? t('employers.save') : t('employers.addSave')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('employers.cancel')}</Button>}
      </div>
    </Form>
  );
}
