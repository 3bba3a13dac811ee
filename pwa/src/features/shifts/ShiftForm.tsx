import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Checkbox, Choices, Form, SelectField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import type { Shift } from '../../data/shifts';
import { t, type Key } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { JobChoice, workplaceOf } from '../employers/JobChoice';
import { allZones, browserZone, inOwnWords, isoWeekdayName, todayIn } from './words';

const DAYS = [1, 2, 3, 4, 5, 6, 7];

const FIELD_WORDS: Partial<Record<string, Key>> = {
  workplace: 'shifts.error.workplace',
  jobId: 'jobs.error.which',
  startsAt: 'shifts.error.time',
  endsAt: 'shifts.error.endsBeforeStarts',
  endsNextDay: 'shifts.error.endsNextDay',
  date: 'shifts.error.date',
  weekdays: 'shifts.error.weekdays',
  until: 'shifts.error.until',
  zone: 'shifts.error.zone',
};

interface Draft {
  jobId: string;
  workplace: string;
  startsAt: string;
  endsAt: string;
  endsNextDay: boolean;
  repeat: 'once' | 'weekly';
  date: string;
  weekdays: number[];
  until: string;
  zone: string;
}

function draftOf(shift: Shift | null): Draft {
  const zone = shift?.zone ?? browserZone();
  return {
    jobId: shift?.jobId ?? '',
    workplace: shift?.workplace ?? '',
    startsAt: shift?.startsAt ?? '',
    endsAt: shift?.endsAt ?? '',
    endsNextDay: shift?.endsNextDay ?? false,
    repeat: shift?.repeat ?? 'weekly',
    date: shift?.date ?? todayIn(zone),
    weekdays: shift?.weekdays ?? [],
    until: shift?.until ?? '',
    zone,
  };
}

/** What the person must fix before the server is asked, in the same words next to the field. */
function check(draft: Draft): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!draft.workplace.trim()) fields.workplace = t('shifts.error.workplace');
  if (!draft.startsAt) fields.startsAt = t('shifts.error.time');
  if (!draft.endsAt) fields.endsAt = t('shifts.error.time');
  // "HH:MM" strings compare as times. The server says the same (RFC 9457, naming the field).
  if (draft.startsAt && draft.endsAt) {
    if (!draft.endsNextDay && draft.endsAt <= draft.startsAt) {
      fields.endsAt = t('shifts.error.endsBeforeStarts');
    } else if (draft.endsNextDay && draft.endsAt > draft.startsAt) {
      fields.endsNextDay = t('shifts.error.endsNextDay');
    }
  }
  if (draft.repeat === 'once' && !draft.date) fields.date = t('shifts.error.date');
  if (draft.repeat === 'weekly' && draft.weekdays.length === 0) {
    fields.weekdays = t('shifts.error.weekdays');
  }
  return fields;
}

/** The weekdays as checkboxes in one group (Mon/Wed/Fri). */
function Weekdays({
  value,
  onValue,
  error,
}: {
  value: number[];
  onValue: (days: number[]) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset
      class={`field choices weekdays${error ? ' field--error' : ''}`}
      aria-describedby={error ? 'weekdays-error' : undefined}
    >
      <legend class="field__label">{t('shifts.weekdays')}</legend>
      {error && (
        <p class="field__error" id="weekdays-error">
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      <div class="weekdays__list">
        {DAYS.map((day) => (
          <label class="choice" key={day}>
            <input
              class="choice__input"
              type="checkbox"
              name="weekdays"
              value={String(day)}
              checked={value.includes(day)}
              onChange={(event) =>
                onValue(
                  event.currentTarget.checked
                    ? [...value, day].sort()
                    : value.filter((d) => d !== day),
                )
              }
            />
            <span class="choice__text">{isoWeekdayName(day)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface ShiftFormProps {
  clientId: string;
  /** The shift to change, or null to add one. */
  shift: Shift | null;
  onSaved: (shift: Shift) => void;
  onCancel?: () => void;
  /** The cancel button's words: "Do not change" unless given. */
  cancelLabel?: string;
}

/** Add or change a shift: where, when, once or every week, in the workplace's time zone. */
export function ShiftForm({ clientId, shift, onSaved, onCancel, cancelLabel }: ShiftFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(shift));
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per shift being added: pressing "Save" twice (or a retry) adds it once.
  const [writeId, setWriteId] = useState(() => crypto.randomUUID());
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const prefix = shift ? `edit-${shift.id}` : 'new-shift';
  const fields = trouble?.fields ?? {};

  async function save() {
    const problems = check(draft);
    if (Object.keys(problems).length) {
      setTrouble({ title: t('form.fixErrors'), fields: problems });
      return;
    }
    setTrouble(null);
    setBusy(true);
    const common = {
      workplace: draft.workplace.trim(),
      zone: draft.zone,
      startsAt: draft.startsAt,
      endsAt: draft.endsAt,
      endsNextDay: draft.endsNextDay,
      jobId: draft.jobId || null,
    };
    try {
      let saved: Shift;
      if (shift) {
        saved = await api.patch('/api/shifts/{shift_id}', {
          path: { shift_id: shift.id },
          body:
            shift.repeat === 'once'
              ? { ...common, date: draft.date }
              : { ...common, weekdays: draft.weekdays, until: draft.until || null },
        });
      } else {
        saved = await api.post('/api/clients/{client_id}/shifts', {
          path: { client_id: clientId },
          body:
            draft.repeat === 'once'
              ? { ...common, localId: writeId, repeat: 'once', date: draft.date }
              : {
                  ...common,
                  localId: writeId,
                  repeat: 'weekly',
                  weekdays: draft.weekdays,
                  until: draft.until || null,
                },
        });
        setWriteId(crypto.randomUUID());
        setDraft(draftOf(null));
      }
      onSaved(saved);
    } catch (error) {
      setTrouble(inOwnWords(describe(error), FIELD_WORDS));
    } finally {
      setBusy(false);
    }
  }

  const id = (name: string) => `${prefix}-${name}`;
  return (
    <Form onSubmit={() => void save()} label={shift ? t('shifts.change') : t('shifts.add')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <JobChoice
        id={id('job')}
        clientId={clientId}
        value={draft.jobId}
        onChoose={(jobId, job) => set(job ? { jobId, workplace: workplaceOf(job) } : { jobId })}
        error={fields.jobId}
      />
      <TextField
        id={id('workplace')}
        label={t('shifts.workplace')}
        hint={t('shifts.workplaceHint')}
        value={draft.workplace}
        onValue={(workplace) => set({ workplace })}
        maxLength={120}
        error={fields.workplace}
      />
      {!shift && (
        <Choices
          id={id('repeat')}
          legend={t('shifts.repeat')}
          value={draft.repeat}
          onValue={(repeat) => set({ repeat })}
          choices={[
            { value: 'weekly', label: t('shifts.repeat.weekly'), hint: t('shifts.repeat.weeklyHint') },
            { value: 'once', label: t('shifts.repeat.once'), hint: t('shifts.repeat.onceHint') },
          ]}
        />
      )}
      {draft.repeat === 'weekly' ? (
        <Weekdays
          value={draft.weekdays}
          onValue={(weekdays) => set({ weekdays })}
          error={fields.weekdays}
        />
      ) : (
        <TextField
          id={id('date')}
          type="date"
          label={t('shifts.date')}
          value={draft.date}
          onValue={(date) => set({ date })}
          error={fields.date}
        />
      )}
      <div class="shift-times">
        <TextField
          id={id('startsAt')}
          type="time"
          label={t('shifts.startsAt')}
          value={draft.startsAt}
          onValue={(startsAt) => set({ startsAt })}
          error={fields.startsAt}
        />
        <TextField
          id={id('endsAt')}
          type="time"
          label={t('shifts.endsAt')}
          value={draft.endsAt}
          onValue={(endsAt) => set({ endsAt })}
          error={fields.endsAt}
        />
      </div>
      <Checkbox
        id={id('endsNextDay')}
        label={t('shifts.endsNextDay')}
        hint={t('shifts.endsNextDayHint')}
        checked={draft.endsNextDay}
        onChecked={(endsNextDay) => set({ endsNextDay })}
        error={fields.endsNextDay}
      />
      {draft.repeat === 'weekly' && (
        <TextField
          id={id('until')}
          type="date"
          label={t('shifts.until')}
          hint={t('shifts.untilHint')}
          value={draft.until}
          onValue={(until) => set({ until })}
          error={fields.until}
        />
      )}
      <SelectField
        id={id('zone')}
        label={t('shifts.zone')}
        hint={t('shifts.zoneHint')}
        value={draft.zone}
        onValue={(zone) => set({ zone })}
        error={fields.zone}
      >
        {allZones(draft.zone).map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, ' ')}
          </option>
        ))}
      </SelectField>
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {shift ? t('shifts.saveChange') : t('shifts.save')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{cancelLabel ?? t('shifts.cancelChange')}</Button>}
      </div>
    </Form>
  );
}
