import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Dialog } from '../../components/Dialog/Dialog';
import { Form, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe } from '../../lib/errors';
import '../family/Family.css';

type Report = Schemas['ErasureReport'];

/** The result in words: rows, stored photos and recordings, pseudonymised log entries. */
export function erasedInWords(name: string, report: Report): string {
  const rows = Object.values(report.rows).reduce((sum, n) => sum + n, 0);
  return t('erase.done', {
    name,
    rows: t('erase.rows', { count: rows }),
    files: t('erase.files', { count: report.storedItems }),
    entries: t('erase.entries', { count: report.auditEntriesPseudonymised }),
  });
}

/**
 * "Erase this person" (GDPR Art. 17), for administrators: what goes and what stays in plain
 * words, and the person's name typed exactly as shown to confirm (the server checks it too).
 */
export function EraseDialog({
  person,
  onClose,
  onErased,
}: {
  person: { id: string; displayName: string } | null;
  onClose: () => void;
  onErased: (name: string, report: Report) => void;
}) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = person?.displayName ?? '';

  function close() {
    setTyped('');
    setError(undefined);
    setProblem(null);
    onClose();
  }

  async function erase() {
    if (!person) return;
    if (typed.trim() !== name.trim()) {
      setError(t('erase.nameMismatch', { name }));
      return;
    }
    setBusy(true);
    setError(undefined);
    setProblem(null);
    try {
      const report = await api.post('/api/people/{user_id}/erase', {
        path: { user_id: person.id },
        body: { confirmName: typed },
      });
      setTyped('');
      onErased(name, report);
    } catch (e) {
      const trouble = describe(e);
      if (trouble.fields.confirmName) setError(trouble.fields.confirmName);
      else setProblem(trouble.title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog id="erase" title={t('erase.title', { name })} open={person !== null} onClose={close}>
      <p>{t('erase.intro', { name })}</p>
      <h3>{t('erase.goesTitle')}</h3>
      <ul class="erase__what">
        <li>{t('erase.goes1')}</li>
        <li>{t('erase.goes2')}</li>
        <li>{t('erase.goes3')}</li>
      </ul>
      <h3>{t('erase.staysTitle')}</h3>
      <ul class="erase__what">
        <li>{t('erase.stays1')}</li>
        <li>{t('erase.stays2')}</li>
      </ul>
      <p>
        <strong>{t('erase.cannotUndo')}</strong>
      </p>
      {problem && <Notice kind="error" title={problem} />}
      <Form onSubmit={() => void erase()}>
        <TextField
          id="confirmName"
          label={t('erase.typeName', { name })}
          value={typed}
          error={error}
          onValue={setTyped}
        />
        <div class="actions">
          <Button type="submit" variant="danger" busy={busy}>
            {t('erase.confirm', { name })}
          </Button>
          <Button onClick={close}>{t('action.cancel')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}
