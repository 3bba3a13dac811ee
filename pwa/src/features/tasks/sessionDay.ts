/**
 * The day of a training session: the one the coach gave (a session written down later, from
 * paper, has its own day), else the day on this device when it started.
 */
import { intlLocale } from '../../i18n';
import { browserZone, todayIn } from '../shifts/words';

/** YYYY-MM-DD. */
export function sessionDay(date: string | null | undefined, startedAt: string): string {
  return date ?? todayIn(browserZone(), Date.parse(startedAt));
}

/** The session's day in the person's language ("28 Nov 2026"), without shifting it by a zone. */
export function formatSessionDay(date: string | null | undefined, startedAt: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(`${sessionDay(date, startedAt)}T00:00:00Z`),
  );
}

export function isTodaySession(date: string | null | undefined, startedAt: string): boolean {
  return sessionDay(date, startedAt) === todayIn(browserZone());
}
