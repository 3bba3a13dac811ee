/**
 * Job finding in plain words: the steps and themes in the person's language, the title of an
 * opportunity, and what the client reads about each one ("You have an interview at Hotel Aurora
 * on Thursday at 10:00"), with the interview's day and time at its own time zone.
 */
import type { Schemas } from '../../api/client';
import { t, type Key } from '../../i18n';
import { dayInWords, isolate, timeAt } from '../shifts/words';

export type Opportunity = Schemas['Opportunity'];
export type Step = Opportunity['step'];
export type Theme = Opportunity['themes'][number];

export const STEPS: Step[] = ['idea', 'contacted', 'applied', 'interview', 'offer', 'started', 'not_now'];
export const THEMES: Theme[] = [
  'people',
  'animals',
  'food',
  'outdoors',
  'computers',
  'making_fixing',
  'order',
  'shops',
  'care',
  'creative',
  'transport',
  'office',
];

export const stepName = (step: Step): string => t(`opportunities.step.${step}` as Key);
export const themeName = (theme: Theme): string => t(`opportunities.theme.${theme}` as Key);

/** The step after this one in the pipeline (none after "started" and "not this time"). */
export function nextStep(step: Step): Step | null {
  const at = STEPS.indexOf(step);
  return at >= 0 && at < STEPS.indexOf('started') ? (STEPS[at + 1] ?? null) : null;
}

/** What the opportunity is called: the employer (and the job), or the idea's words. */
export function titleOf(o: Opportunity): string {
  if (o.employerName && o.jobTitle) return t('opportunities.titleAt', { job: o.jobTitle, employer: o.employerName });
  return o.employerName || o.jobTitle || o.idea;
}

/** The interview's day and time in words, at its own zone: "Thursday", "10:00". */
export function interviewWhen(o: Opportunity, now: number = Date.now()): { day: string; time: string } | null {
  if (!o.interview) return null;
  return {
    day: dayInWords(o.interview.on, o.interview.zone, now),
    time: timeAt(o.interview.startsAt, o.interview.zone),
  };
}

/** "You have an interview at {where} on {day} at {time}": the one sentence of the client's
 * opportunities and of their home. */
export function interviewSentence(
  where: string,
  interview: NonNullable<Opportunity['interview']>,
  now: number = Date.now(),
): string {
  return t('opportunities.client.interview', {
    where: isolate(where),
    day: isolate(dayInWords(interview.on, interview.zone, now)),
    time: isolate(timeAt(interview.startsAt, interview.zone)),
  });
}

/** Is the interview still to come (within `days` days)? */
export function interviewSoon(o: Opportunity, days: number, now: number = Date.now()): boolean {
  if (o.step !== 'interview' || !o.interview) return false;
  const starts = Date.parse(o.interview.startsAt);
  return starts > now && starts - now <= days * 86_400_000;
}

/** What the client reads about one opportunity, in the second person. */
export function forClient(o: Opportunity, now: number = Date.now()): string {
  if (o.step === 'interview' && o.interview && Date.parse(o.interview.startsAt) > now) {
    return interviewSentence(o.employerName || o.idea, o.interview, now);
  }
  const where = isolate(o.employerName || o.idea);
  const on = isolate(dayInWords(o.stepOn, 'UTC', now));
  const key = o.step === 'interview' ? 'opportunities.client.interviewPast' : `opportunities.client.${o.step}`;
  return t(key as Key, { where, on });
}
