/** Words for the goal tool's scales and dates, shared by the client's and the coach's screens. */
import { currentLocale, t, type Key } from '../../i18n';

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

/** "+2", "0", "−1": the number beside the words, for the coach. */
export function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}

/** A calendar day (YYYY-MM-DD) in the person's language, read as a local day (no time zone). */
export function formatDay(day: string, style: 'medium' | 'long' = 'medium'): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: style }).format(new Date(y, m - 1, d));
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
