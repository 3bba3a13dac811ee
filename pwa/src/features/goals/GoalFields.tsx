import { TextField } from '../../components/Field/Field';
import { t } from '../../i18n';
import { addDays, isoDay } from './words';

export const MAX_MEANS = 5;

export interface GoalDraft {
  title: string;
  means: string[];
  startsOn: string;
  endsOn: string;
}

/** A new goal: starting today, for two weeks (the PTA period is one to four weeks). */
export function emptyGoal(): GoalDraft {
  const today = isoDay();
  return { title: '', means: Array<string>(MAX_MEANS).fill(''), startsOn: today, endsOn: addDays(today, 14) };
}

/** The request body: blank means left out (the server trims and drops them too). */
export function goalBody(draft: GoalDraft) {
  return {
    clientId: crypto.randomUUID(),
    title: draft.title,
    means: draft.means.map((m) => m.trim()).filter(Boolean),
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
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
  return out;
}

/** Title in plain language, one to five means ("how I will do it"), first and last day. */
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
