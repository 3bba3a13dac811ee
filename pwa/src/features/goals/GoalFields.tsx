import { TextField } from '../../components/Field/Field';
import { t } from '../../i18n';
import { addDays, isoDay } from './words';

export const MAX_MEANS = 5;

/** The goal's Goal Attainment Scale in its own words; `expected` (0) is required. */
export interface LevelsDraft {
  expected: string;
  muchMore: string;
  more: string;
  less: string;
  muchLess: string;
}

export interface GoalDraft {
  title: string;
  means: string[];
  startsOn: string;
  endsOn: string;
  levels: LevelsDraft;
}

/** The other levels, from "much more" down, as the form shows them under the expected one. */
const OTHER_LEVELS = [
  ['muchMore', 'goals.form.level.muchMore'],
  ['more', 'goals.form.level.more'],
  ['less', 'goals.form.level.less'],
  ['muchLess', 'goals.form.level.muchLess'],
] as const;

/** A new goal: starting today, for two weeks (the PTA period is one to four weeks). */
export function emptyGoal(): GoalDraft {
  const today = isoDay();
  return {
    title: '',
    means: Array<string>(MAX_MEANS).fill(''),
    startsOn: today,
    endsOn: addDays(today, 14),
    levels: emptyLevels(),
  };
}

/** The request body: blank means left out (the server trims and drops them too). */
export function goalBody(draft: GoalDraft) {
  return {
    localId: crypto.randomUUID(),
    title: draft.title,
    means: draft.means.map((m) => m.trim()).filter(Boolean),
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    levels: levelsBody(draft.levels),
  };
}

/**
 * The server's reasons are English; the fields it names get the sentence in the person's
 * language. `prefix` is "" for a goal, "goals.0." for the first goal a conversation proposes.
 */
export function goalErrors(fields: Record<string, string>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (fields[`${prefix}title`]) out.title = t('goals.error.title');
  if (Object.keys(fields).some((f) => f.startsWith(`${prefix}means`))) out.means = t('goals.error.means');
  if (fields[`${prefix}startsOn`]) out.startsOn = t('goals.error.period');
  if (fields[`${prefix}endsOn`]) out.endsOn = t('goals.error.period');
  if (fields[`${prefix}levels.expected`]) out.expected = t('goals.error.expected');
  for (const [key] of OTHER_LEVELS) if (fields[`${prefix}levels.${key}`]) out[key] = t('goals.error.level');
  return out;
}

/**
 * What each result looks like, written with the client (Goal Attainment Scaling): the expected
 * result (0) is needed, the other levels are optional.
 */
export function LevelFields({
  id,
  levels,
  errors,
  onChange,
}: {
  id: string;
  levels: LevelsDraft;
  errors: Record<string, string>;
  onChange: (levels: LevelsDraft) => void;
}) {
  return (
    <fieldset class="field" aria-describedby={`${id}-levels-hint`}>
      <legend class="field__label">{t('goals.form.levels')}</legend>
      <p class="field__hint" id={`${id}-levels-hint`}>
        {t('goals.form.levelsHint')}
      </p>
      <TextField
        id={`${id}-level-expected`}
        label={t('goals.form.level.expected')}
        hint={t('goals.form.level.expectedHint')}
        value={levels.expected}
        maxLength={200}
        required
        error={errors.expected}
        onValue={(expected) => onChange({ ...levels, expected })}
      />
      {OTHER_LEVELS.map(([key, label]) => (
        <TextField
          key={key}
          id={`${id}-level-${key}`}
          label={t(label)}
          hint={t('goals.form.level.optional')}
          value={levels[key]}
          maxLength={200}
          error={errors[key]}
          onValue={(value) => onChange({ ...levels, [key]: value })}
        />
      ))}
    </fieldset>
  );
}

/** Blank levels, for a new goal or one set before levels were written. */
export function emptyLevels(): LevelsDraft {
  return { expected: '', muchMore: '', more: '', less: '', muchLess: '' };
}

/** The levels as the server takes them: trimmed. */
export function levelsBody(levels: LevelsDraft): LevelsDraft {
  return {
    expected: levels.expected.trim(),
    muchMore: levels.muchMore.trim(),
    more: levels.more.trim(),
    less: levels.less.trim(),
    muchLess: levels.muchLess.trim(),
  };
}

/**
 * Title in plain language, one to five means ("how I will do it"), what each result looks like
 * (Goal Attainment Scaling: the expected one required, the others optional), first and last day.
 */
export function GoalFields({
  id,
  draft,
  errors,
  onChange,
}: {
  id: string;
  draft: GoalDraft;
  errors: Record<string, string>;
  onChange: (draft: GoalDraft) => void;
}) {
  return (
    <>
      <TextField
        id={`${id}-title`}
        label={t('goals.form.title')}
        hint={t('goals.form.titleHint')}
        value={draft.title}
        maxLength={200}
        error={errors.title}
        onValue={(title) => onChange({ ...draft, title })}
      />
      <fieldset class="field" aria-describedby={errors.means ? `${id}-means-error` : `${id}-means-hint`}>
        <legend class="field__label">{t('goals.means')}</legend>
        <p class="field__hint" id={`${id}-means-hint`}>
          {t('goals.form.meansHint')}
        </p>
        {errors.means && (
          <p class="field__error" id={`${id}-means-error`}>
            <span class="visually-hidden">{t('form.errorPrefix')} </span>
            {errors.means}
          </p>
        )}
        {draft.means.map((mean, index) => (
          <TextField
            key={index}
            id={`${id}-mean-${index}`}
            label={t('goals.form.mean', { n: index + 1 })}
            value={mean}
            maxLength={140}
            onValue={(value) => onChange({ ...draft, means: draft.means.map((m, i) => (i === index ? value : m)) })}
          />
        ))}
      </fieldset>
      <LevelFields id={id} levels={draft.levels} errors={errors} onChange={(levels) => onChange({ ...draft, levels })} />
      <TextField
        id={`${id}-starts`}
        type="date"
        label={t('goals.form.startsOn')}
        value={draft.startsOn}
        error={errors.startsOn}
        onValue={(startsOn) => onChange({ ...draft, startsOn })}
      />
      <TextField
        id={`${id}-ends`}
        type="date"
        label={t('goals.form.endsOn')}
        hint={t('goals.form.endsOnHint')}
        value={draft.endsOn}
        error={errors.endsOn}
        onValue={(endsOn) => onChange({ ...draft, endsOn })}
      />
    </>
  );
}
