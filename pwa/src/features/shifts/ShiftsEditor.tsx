import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { ConfirmDialog, Dialog } from '../../components/Dialog/Dialog';
import { Choices, Form, TextField } from '../../components/Field/Field';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import type { Shift } from '../../data/shifts';
import { intlLocale, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { ShiftForm } from './ShiftForm';
import { dateInWords, hoursInWords, inOwnWords, isoWeekdayName, todayIn } from './words';
import './Shifts.css';

type Reason = Shift['exceptions'][number]['reason'];
const REASONS: Reason[] = ['holiday', 'sick', 'other'];

function daysInWords(days: number[]): string {
  return new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(
    days.map(isoWeekdayName),
  );
}

/** "Every week: Monday, Wednesday and Friday, 8:00–12:00" or "Once: Tuesday 1 December, …". */
export function shiftInWords(shift: Shift): string {
  const hours = hoursInWords(shift.startsAt, shift.endsAt, shift.endsNextDay ?? shift.endsAt <= shift.startsAt);
  if (shift.repeat === 'once' && shift.date) {
    return t('shifts.once', { date: dateInWords(shift.date), hours });
  }
  return t('shifts.weekly', { days: daysInWords(shift.weekdays), hours });
}

function NotThisDay({
  shift,
  onClose,
  onSaved,
}: {
  shift: Shift;
  onClose: () => void;
  onSaved: (shift: Shift) => void;
}) {
  const [date, setDate] = useState(() => todayIn(shift.zone));
  const [reason, setReason] = useState<Reason>('holiday');
  const [note, setNote] = useState('');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    if (!date) {
      setTrouble({ title: t('form.fixErrors'), fields: { date: t('shifts.error.date') } });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      onSaved(
        await api.post('/api/shifts/{shift_id}/exceptions', {
          path: { shift_id: shift.id },
          body: { date, reason, note: note.trim() },
        }),
      );
    } catch (error) {
      setTrouble(inOwnWords(describe(error), { date: 'shifts.error.notThatDay' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      id="not-this-day"
      title={t('shifts.notThisDayTitle', { workplace: shift.workplace })}
      open
      onClose={onClose}
    >
      <Form onSubmit={() => void save()}>
        {trouble && <Notice kind="error" title={trouble.title} />}
        <p>{shiftInWords(shift)}</p>
        <TextField
          id="exception-date"
          type="date"
          label={t('shifts.exceptionDate')}
          value={date}
          onValue={setDate}
          error={trouble?.fields.date}
        />
        <Choices
          id="exception-reason"
          legend={t('shifts.reason')}
          value={reason}
          onValue={setReason}
          choices={REASONS.map((value) => ({ value, label: t(`shifts.reason.${value}`) }))}
        />
        <TextField
          id="exception-note"
          label={t('shifts.note')}
          hint={t('shifts.noteHint')}
          value={note}
          onValue={setNote}
          maxLength={200}
          error={trouble?.fields.note}
        />
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('shifts.notThisDaySave')}
          </Button>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}

function RemoveShift({
  shift,
  onClose,
  onRemoved,
}: {
  shift: Shift;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    try {
      await api.delete('/api/shifts/{shift_id}', { path: { shift_id: shift.id } });
      onRemoved();
    } catch (error) {
      setTrouble(describe(error));
      setBusy(false);
    }
  }
  return (
    <ConfirmDialog
      id="remove-shift"
      title={t('shifts.removeTitle', { workplace: shift.workplace })}
      open
      danger
      busy={busy}
      confirmLabel={t('shifts.removeConfirm')}
      onConfirm={() => void remove()}
      onCancel={onClose}
    >
      {trouble && <Notice kind="error" title={trouble.title} />}
      <p>{shiftInWords(shift)}</p>
      <p>{t('shifts.removeText')}</p>
    </ConfirmDialog>
  );
}

/**
 * A client's shifts for staff on the client's page: the list in words, "Change", "Not this
 * day", "Remove", and "Add a shift", which opens its form only when the coach asks for it.
 * The client's own /shifts is read-only (MyShifts).
 */
export function ShiftsEditor({ clientId, level = 2 }: { clientId: string; level?: 2 | 3 }) {
  const shifts = useResource(
    () => api.get('/api/clients/{client_id}/shifts', { path: { client_id: clientId } }),
    [clientId],
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [notThisDay, setNotThisDay] = useState<Shift | null>(null);
  const [removing, setRemoving] = useState<Shift | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [adding, setAdding] = useState(false);
  // Focus follows the form: into its first field when it opens, back to the button that
  // opened it when it closes (WCAG 2.4.3 focus order), never on first render.
  const addingBefore = useRef(false);
  const addId = `add-shift-${clientId}`;
  useEffect(() => {
    if (adding) document.getElementById('new-shift-workplace')?.focus();
    else if (addingBefore.current) document.getElementById(`${addId}-open`)?.focus();
    addingBefore.current = adding;
  }, [adding, addId]);
  // Each shift and "Add a shift" are siblings: one heading level for all of them.
  const Heading = level === 2 ? 'h2' : 'h3';

  function replaced(saved: Shift) {
    const list = shifts.data ?? [];
    const known = list.some((s) => s.id === saved.id);
    shifts.set(known ? list.map((s) => (s.id === saved.id ? saved : s)) : [...list, saved]);
  }

  async function restore(shift: Shift, date: string) {
    try {
      await api.delete('/api/shifts/{shift_id}/exceptions/{day}', {
        path: { shift_id: shift.id, day: date },
      });
      setMessage({ kind: 'success', text: t('shifts.restored', { date: dateInWords(date) }) });
      await shifts.reload();
    } catch (error) {
      setMessage({ kind: 'error', text: describe(error).title });
    }
  }

  return (
    <div class="shifts">
      <div role="status">
        {message && <Notice kind={message.kind} title={message.text} live={false} />}
      </div>
      {shifts.data === undefined ? (
        <LoadState loading={shifts.loading} trouble={shifts.trouble} />
      ) : shifts.data.length === 0 ? (
        <p>{t('shifts.noneYet')}</p>
      ) : (
        <ItemList label={t('shifts.title')}>
          {shifts.data.map((shift) => (
            <li key={shift.id} class="shift">
              <Heading class="shift__workplace" dir="auto">
                {shift.workplace}
              </Heading>
              <p class="shift__when">{shiftInWords(shift)}</p>
              <p class="muted">
                {t('shifts.zoneIs', { zone: shift.zone.replace(/_/g, ' ') })}
                {shift.until && ` · ${t('shifts.untilIs', { date: dateInWords(shift.until) })}`}
              </p>
              {shift.exceptions.length > 0 && (
                <ul class="shift__exceptions" aria-label={t('shifts.exceptions')}>
                  {shift.exceptions.map((exception) => (
                    <li key={exception.date}>
                      <span>
                        {t('shifts.exception', {
                          date: dateInWords(exception.date),
                          reason: t(`shifts.reason.${exception.reason}`),
                        })}
                        {exception.note && ` (${exception.note})`}
                      </span>{' '}
                      <Button variant="quiet" onClick={() => void restore(shift, exception.date)}>
                        {t('shifts.restore', { date: dateInWords(exception.date, false) })}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              {editing === shift.id ? (
                <ShiftForm
                  clientId={clientId}
                  shift={shift}
                  onSaved={(saved) => {
                    replaced(saved);
                    setEditing(null);
                    setMessage({ kind: 'success', text: t('shifts.saved') });
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <div class="actions">
                  <Button onClick={() => setEditing(shift.id)}>
                    {t('shifts.change')}
                    <span class="visually-hidden"> {shift.workplace}</span>
                  </Button>
                  <Button onClick={() => setNotThisDay(shift)}>
                    {t('shifts.notThisDay')}
                    <span class="visually-hidden"> {shift.workplace}</span>
                  </Button>
                  <Button variant="danger" onClick={() => setRemoving(shift)}>
                    {t('shifts.remove')}
                    <span class="visually-hidden"> {shift.workplace}</span>
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ItemList>
      )}
      {adding ? (
        <section class="shifts__add" aria-labelledby={addId}>
          <Heading id={addId}>{t('shifts.add')}</Heading>
          <ShiftForm
            clientId={clientId}
            shift={null}
            onSaved={(saved) => {
              replaced(saved);
              setAdding(false);
              setMessage({ kind: 'success', text: t('shifts.added', { workplace: saved.workplace }) });
            }}
            onCancel={() => setAdding(false)}
            cancelLabel={t('action.cancel')}
          />
        </section>
      ) : (
        <div class="actions">
          <Button
            id={`${addId}-open`}
            variant={shifts.data?.length === 0 ? 'primary' : 'secondary'}
            onClick={() => {
              setMessage(null);
              setAdding(true);
            }}
          >
            {t('shifts.add')}
          </Button>
        </div>
      )}
      {notThisDay && (
      <NotThisDay
        key={notThisDay.id}
        shift={notThisDay}
        onClose={() => setNotThisDay(null)}
        onSaved={(saved) => {
          replaced(saved);
          setNotThisDay(null);
          setMessage({ kind: 'success', text: t('shifts.cancelledSaved') });
        }}
      />
      )}
      {removing && (
      <RemoveShift
        key={removing.id}
        shift={removing}
        onClose={() => setRemoving(null)}
        onRemoved={() => {
          shifts.set((shifts.data ?? []).filter((s) => s.id !== removing?.id));
          setRemoving(null);
          setMessage({ kind: 'success', text: t('shifts.removed') });
        }}
      />
      )}
    </div>
  );
}
