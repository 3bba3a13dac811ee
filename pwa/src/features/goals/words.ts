/** Words for the goal tool's scales and dates, shared by the client's and the coach's screens. */
import type { Goal } from '../../data/goals';
import { intlLocale, t, type Key } from '../../i18n';

const MOOD_WORDS: Record<number, Key> = {
  2: 'goals.mood.veryGood',
  1: 'goals.mood.good',
  0: 'goals.mood.ok',
  [-1]: 'goals.mood.notGood',
  [-2]: 'goals.mood.bad',
};

/** A face for each check-in level; shown beside the words, never instead of them. */
export const MOOD_FACES: Record<number, string> = { 2: '😄', 1: '🙂', 0: '😐', [-1]: '🙁', [-2]: '😞' };

const GAS_WORDS: Record<number, Key> = {
  2: 'gas.level.muchMore',
  1: 'gas.level.more',
  0: 'gas.level.expected',
  [-1]: 'gas.level.less',
  [-2]: 'gas.level.muchLess',
};

export function moodInWords(mood: number): string {
  const key = MOOD_WORDS[mood];
  return key ? t(key) : String(mood);
}

export function gasInWords(rating: number): string {
  const key = GAS_WORDS[rating];
  return key ? t(key) : String(rating);
}

/** The scale's five levels and the names of the goal's sentences for them (GoalLevels). */
export const LEVEL_KEYS = { 2: 'muchMore', 1: 'more', 0: 'expected', [-1]: 'less', [-2]: 'muchLess' } as const;

/**
 * A level of the goal's scale in words: the sentence written with the client when the goal was
 * set, or the scale's general words where none was written (and for goals set before levels).
 */
export function levelInWords(goal: Pick<Goal, 'levels'>, level: number): string {
  const key = LEVEL_KEYS[level as keyof typeof LEVEL_KEYS];
  const sentence = key && goal.levels ? goal.levels[key] : '';
  return sentence || gasInWords(level);
}

/** A sentence inside another ("You said: I arrive on time."): without its own full stop. */
export function quoted(sentence: string): string {
  return sentence.replace(/[.。]\s*$/u, '');
}

/** The goal has not started yet on this phone's calendar. */
export function startsLater(goal: Pick<Goal, 'startsOn' | 'status'>, today = isoDay()): boolean {
  return goal.status === 'active' && goal.startsOn > today;
}

/** The first day of the final evaluation: the goal's last week, or the day staff ended it. */
export function opensOn(goal: Pick<Goal, 'evaluationOpensOn' | 'endsOn'>): string {
  return goal.evaluationOpensOn ?? addDays(goal.endsOn, -6);
}

/** The final evaluation is open (on this phone's calendar). */
export function evaluationOpen(goal: Pick<Goal, 'evaluationOpensOn' | 'endsOn'>, today = isoDay()): boolean {
  return today >= opensOn(goal);
}

/** The goal's state in a few words: "Starts on Monday 14 December" for a goal not started. */
export function statusInWords(goal: Goal): string {
  if (startsLater(goal)) return t('goals.status.starts', { date: formatWeekday(goal.startsOn) });
  return t(`goals.status.${goal.status}`);
}

/** "+2", "0", "−1": the number beside the words, for the coach. */
export function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}

/** A calendar day (YYYY-MM-DD) in the person's language, read as a local day (no time zone). */
export function formatDay(day: string, style: 'medium' | 'long' = 'medium'): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: style }).format(new Date(y, m - 1, d));
}

/** "Monday 14 December": a day in the week ahead, in the person's language. */
export function formatWeekday(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(intlLocale(), { weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(y, m - 1, d),
  );
}

/** Today as YYYY-MM-DD in local time. */
export function isoDay(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return isoDay(new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
}
