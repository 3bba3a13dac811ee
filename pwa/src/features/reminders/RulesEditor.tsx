import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Checkbox, Form, SelectField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t, type Key } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import type { Occurrence } from '../../data/shifts';
import { browserZone, dayInWords, inOwnWords, isolate, isoWeekdayName, timeAt } from '../shifts/words';
import '../shifts/Shifts.css';
import './Reminders.css';

export type Rule = Schemas['ReminderRule'];
export type Kind = Rule['kind'];
type RuleCreate = Schemas['ReminderRuleCreate'];

export const CLIENT_KINDS: Kind[] = [
  'shift_prepare',
  'shift_leave',
  'shift_start',
  'goal_checkin',
  'conversation',
  'interview',
];
export const STAFF_KINDS: Kind[] = ['coach', 'follow_up', 'after_support', 'development'];
const MINUTES = [10, 15, 20, 30, 45, 60, 90, 120, 180];
const DEFAULT_MINUTES: Partial<Record<Kind, number>> = { shift_prepare: 60, shift_leave: 20, shift_start: 0, interview: 120 };
const DEFAULT_AT: Partial<Record<Kind, string>> = { goal_checkin: '18:00', conversation: '10:00', coach: '08:00', follow_up: '09:00', after_support: '09:00', development: '09:00' };

interface Choice {
  on: boolean;
  minutes: number;
  weekday: string; // '' every day, '1'…'7'
  at: string;
}

function isShift(kind: Kind): boolean {
  return kind === 'shift_prepare' || kind === 'shift_leave' || kind === 'shift_start' || kind === 'interview';
}

function choiceOf(kind: Kind, rule: Rule | undefined): Choice {
  return {
    on: rule?.enabled ?? false,
    minutes: rule?.minutesBefore ?? DEFAULT_MINUTES[kind] ?? 60,
    weekday: rule?.weekday ? String(rule.weekday) : '',
    at: rule?.at ?? DEFAULT_AT[kind] ?? '09:00',
  };
}

export function beforeInWords(minutes: number): string {
  return minutes % 60 === 0
    ? t('reminders.hoursBefore', { count: minutes / 60 })
    : t('reminders.minutesBefore', { count: minutes });
}

const FIELD_WORDS: Partial<Record<string, Key>> = {
  at: 'reminders.error.at',
  zone: 'reminders.error.zone',
  minutesBefore: 'reminders.error.minutes',
};

interface RulesEditorProps {
  kinds: Kind[];
  rules: Rule[];
  /** Add a rule for the person (their own, or a client's). */
  create: (body: RuleCreate) => Promise<Rule>;
  onSaved: () => void;
  /** Staff choosing a client's reminders: "Yes, send this reminder" instead of "remind me". */
  forSomeoneElse?: boolean;
  /** The person's next shift, to say at what clock time a shift reminder will come. */
  nextShift?: Occurrence | null;
}

/** "Before your next shift, tomorrow at 8:00, it comes at 7:40." */
function atNextShift(next: Occurrence, minutes: number, forSomeoneElse: boolean): string {
  const at = new Date(Date.parse(next.start) - minutes * 60_000).toISOString();
  return t(forSomeoneElse ? 'reminders.nextShiftOther' : 'reminders.nextShift', {
    day: dayInWords(next.date, next.zone),
    start: isolate(timeAt(next.start, next.zone)),
    time: isolate(timeAt(at, next.zone)),
  });
}

/**
 * Which reminders, and when: each kind with a plain-words switch and its time. One "Save" for
 * all; a kind switched off keeps its rule (off), so switching it on again keeps the time.
 */
export function RulesEditor({ kinds, rules, create, onSaved, forSomeoneElse, nextShift }: RulesEditorProps) {
  const first = (kind: Kind) => rules.find((rule) => rule.kind === kind);
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(kinds.map((kind) => [kind, choiceOf(kind, first(kind))])),
  );
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const change = (kind: Kind, part: Partial<Choice>) => {
    setSaved(false);
    setChoices((all) => ({ ...all, [kind]: { ...(all[kind] as Choice), ...part } }));
  };

  async function saveKind(kind: Kind, choice: Choice): Promise<void> {
    const rule = first(kind);
    const timed = !isShift(kind);
    const weekday = choice.weekday ? Number(choice.weekday) : null;
    if (rule) {
      if (!choice.on && !rule.enabled) return;
      await api.patch('/api/reminders/{rule_id}', {
        path: { rule_id: rule.id },
        body: timed
          ? { enabled: choice.on, at: choice.at, zone: rule.zone ?? browserZone(), weekday }
          : { enabled: choice.on, minutesBefore: choice.minutes },
      });
    } else if (choice.on) {
      await create(
        timed
          ? { localId: crypto.randomUUID(), kind, at: choice.at, zone: browserZone(), weekday }
          : { localId: crypto.randomUUID(), kind, minutesBefore: choice.minutes },
      );
    }
  }

  async function save() {
    setTrouble(null);
    setSaved(false);
    for (const kind of kinds) {
      const choice = choices[kind] as Choice;
      if (choice.on && !isShift(kind) && !choice.at) {
        setTrouble({ title: t('form.fixErrors'), fields: { [`${kind}.at`]: t('reminders.error.at') } });
        return;
      }
    }
    setBusy(true);
    try {
      for (const kind of kinds) {
        try {
          await saveKind(kind, choices[kind] as Choice);
        } catch (error) {
          const described = inOwnWords(describe(error), FIELD_WORDS);
          const fields = Object.fromEntries(
            Object.entries(described.fields).map(([name, reason]) => [`${kind}.${name}`, reason]),
          );
          setTrouble({ ...described, fields });
          return;
        }
      }
      setSaved(true);
      onSaved();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void save()} label={t('reminders.which')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {kinds.map((kind) => {
        const choice = choices[kind] as Choice;
        const id = `rule-${kind}`;
        const error = (name: string) => trouble?.fields[`${kind}.${name}`];
        return (
          <fieldset class="rule" key={kind}>
            <legend class="rule__legend">{t(`reminders.kind.${kind}`)}</legend>
            <p class="field__hint">{t(`reminders.explain.${kind}`)}</p>
            <Checkbox
              id={`${id}-on`}
              label={forSomeoneElse ? t('reminders.onOther') : t('reminders.on')}
              checked={choice.on}
              onChecked={(on) => change(kind, { on })}
            />
            {/* "Time to start" comes as the shift starts: no time to choose. */}
            {choice.on && isShift(kind) && kind !== 'shift_start' && (
              <SelectField
                id={`${id}-minutes`}
                label={t('reminders.when')}
                hint={nextShift && kind !== 'interview' ? atNextShift(nextShift, choice.minutes, !!forSomeoneElse) : undefined}
                value={String(choice.minutes)}
                onValue={(value) => change(kind, { minutes: Number(value) })}
                error={error('minutesBefore')}
              >
                {[...new Set([...MINUTES, choice.minutes])]
                  .sort((a, b) => a - b)
                  .map((minutes) => (
                    <option key={minutes} value={String(minutes)}>
                      {beforeInWords(minutes)}
                    </option>
                  ))}
              </SelectField>
            )}
            {choice.on && !isShift(kind) && (
              <>
                <SelectField
                  id={`${id}-weekday`}
                  label={t('reminders.day')}
                  value={choice.weekday}
                  onValue={(weekday) => change(kind, { weekday })}
                  error={error('weekday')}
                >
                  <option value="">{t('reminders.everyDay')}</option>
                  {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                    <option key={day} value={String(day)}>
                      {isoWeekdayName(day)}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  id={`${id}-at`}
                  type="time"
                  label={t('reminders.at')}
                  hint={t('reminders.atHint', { zone: (first(kind)?.zone ?? browserZone()).replace(/_/g, ' ') })}
                  value={choice.at}
                  onValue={(at) => change(kind, { at })}
                  error={error('at') ?? error('zone')}
                />
              </>
            )}
          </fieldset>
        );
      })}
      <div role="status">{saved && <Notice kind="success" title={t('reminders.saved')} live={false} />}</div>
      <Button type="submit" variant="primary" busy={busy}>
        {forSomeoneElse ? t('reminders.saveOther') : t('reminders.save')}
      </Button>
    </Form>
  );
}

type Quiet = Schemas['QuietHours'];

/** Quiet hours: no notifications between two times (they may cross midnight). */
export function QuietHoursForm({
  quiet,
  save,
}: {
  quiet: Quiet;
  save: (body: Schemas['QuietHoursSet']) => Promise<void>;
}) {
  const [start, setStart] = useState(quiet.start ?? '');
  const [end, setEnd] = useState(quiet.end ?? '');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(clear: boolean) {
    setTrouble(null);
    setMessage(null);
    if (!clear && (!start || !end)) {
      const fields: Record<string, string> = {};
      if (!start) fields.start = t('reminders.error.quiet');
      if (!end) fields.end = t('reminders.error.quiet');
      setTrouble({ title: t('form.fixErrors'), fields });
      return;
    }
    setBusy(true);
    try {
      // In the zone saved before, else this device's. (The API's "" — "each reminder's own
      // zone" — is refused by its Zone constraint today, so a zone is always sent.)
      await save({ start: clear ? null : start, end: clear ? null : end, zone: quiet.zone || browserZone() });
      if (clear) {
        setStart('');
        setEnd('');
      }
      setMessage(clear ? t('reminders.quietCleared') : t('reminders.quietSaved'));
    } catch (error) {
      setTrouble(inOwnWords(describe(error), { start: 'reminders.error.quiet', end: 'reminders.error.quiet' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void submit(false)} label={t('reminders.quietTitle')}>
      <p>{t('reminders.quietText')}</p>
      {/* Times are the phone's: a zone is named only where the saved one is another. */}
      {quiet.zone && quiet.zone !== browserZone() && (
        <p class="muted">{t('reminders.atHint', { zone: quiet.zone.replace(/_/g, ' ') })}</p>
      )}
      {trouble && <Notice kind="error" title={trouble.title} />}
      <div class="shift-times">
        <TextField
          id="quiet-start"
          type="time"
          label={t('reminders.quietStart')}
          value={start}
          onValue={setStart}
          error={trouble?.fields.start}
        />
        <TextField
          id="quiet-end"
          type="time"
          label={t('reminders.quietEnd')}
          value={end}
          onValue={setEnd}
          error={trouble?.fields.end}
        />
      </div>
      <div role="status">{message && <Notice kind="success" title={message} live={false} />}</div>
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('reminders.quietSave')}
        </Button>
        {(quiet.start || start) && (
          <Button busy={busy} onClick={() => void submit(true)}>
            {t('reminders.quietClear')}
          </Button>
        )}
      </div>
    </Form>
  );
}
