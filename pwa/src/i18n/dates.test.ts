/**
 * Every date helper writes a day one way per language: the app's language with the browser's
 * region (`intlLocale`), so a screen that shows a goal's last day beside a training session's
 * day and an audit entry's time never mixes "Dec 5, 2026" with "5 Dec 2026".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDay, formatWeekday } from '../features/goals/words';
import { dateInWords } from '../features/shifts/words';
import { formatSessionDay } from '../features/tasks/sessionDay';
import { formatDate, formatDateTime, intlLocale, setLocale, type Locale } from '.';

const DAY = '2026-12-05';
const NOON = '2026-12-05T12:00:00Z'; // the same day in every zone from UTC−11 to UTC+11

/** The person's browser languages, and the locale dates are to be written in. */
const CASES: [Locale, string[], string][] = [
  ['en', ['en-GB', 'en'], 'en-GB'],
  ['en', ['en-US'], 'en-US'],
  ['en', ['fi-FI', 'en'], 'en'],
  ['pl', ['pl-PL'], 'pl-PL'],
  ['fi', ['fi-FI', 'sv-FI'], 'fi-FI'],
  ['he', ['he-IL'], 'he-IL'],
  ['he', ['iw-IL'], 'he-IL'],
];

beforeEach(() => {
  vi.stubGlobal('document', { documentElement: { lang: '', dir: '' } });
});

afterEach(async () => {
  await setLocale('en');
  vi.unstubAllGlobals();
});

async function speak(language: Locale, browser: string[]): Promise<void> {
  vi.stubGlobal('navigator', { languages: browser, language: browser[0] });
  await setLocale(language);
}

describe.each(CASES)('in %s with a browser set to %j', (language, browser, expected) => {
  it(`writes dates as ${expected} does`, async () => {
    await speak(language, browser);
    expect(new Intl.DateTimeFormat(intlLocale()).resolvedOptions().locale).toBe(
      new Intl.DateTimeFormat(expected).resolvedOptions().locale,
    );
    const medium = new Intl.DateTimeFormat(expected, { dateStyle: 'medium' });
    const day = medium.format(new Date(2026, 11, 5));
    expect(formatDay(DAY)).toBe(day);
    expect(formatDate(NOON)).toBe(day);
    expect(formatSessionDay(DAY, NOON)).toBe(day);
    expect(formatDateTime(NOON)).toContain(day);
    const long = new Intl.DateTimeFormat(expected, { dateStyle: 'long' });
    expect(formatDay(DAY, 'long')).toBe(long.format(new Date(2026, 11, 5)));
    const words = new Intl.DateTimeFormat(expected, { weekday: 'long', day: 'numeric', month: 'long' });
    expect(formatWeekday(DAY)).toBe(words.format(new Date(2026, 11, 5)));
    expect(dateInWords(DAY)).toBe(words.format(new Date(2026, 11, 5)));
  });
});

it('writes a British and an American day each its own way', async () => {
  await speak('en', ['en-GB']);
  expect([formatDate(NOON), formatDay(DAY)]).toEqual(['5 Dec 2026', '5 Dec 2026']);
  await speak('en', ['en-US']);
  expect([formatDate(NOON), formatDay(DAY)]).toEqual(['Dec 5, 2026', 'Dec 5, 2026']);
});
