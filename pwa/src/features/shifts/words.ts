/**
 * Shifts in plain words, with `Intl` in the person's language and the workplace's time zone:
 * "tomorrow", "Wednesday", "Monday 14 December"; "8:00". The relative day is worked out on the
 * device when the screen is shown (a saved answer must not say "tomorrow" about today).
 */
import { intlLocale, t, type Key } from '../../i18n';
import type { Trouble } from '../../lib/errors';
import type { Occurrence } from '../../data/shifts';

const DAY_MS = 86_400_000;

// Moved to the i18n module with the other date helpers; kept here for screens that import it
// from this module.
export { intlLocale };

/** The date (YYYY-MM-DD) it is now in `zone`. */
export function todayIn(zone: string, now: number = Date.now()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
}

function utcMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Days from today (in the zone) to the date: 0 today, 1 tomorrow. */
export function daysAway(date: string, zone: string, now: number = Date.now()): number {
  return Math.round((utcMidnight(date) - utcMidnight(todayIn(zone, now))) / DAY_MS);
}

/** A date's weekday and day: "Monday 14 December" (the date as written, no zone shift). */
export function dateInWords(date: string, withWeekday = true): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    timeZone: 'UTC',
    weekday: withWeekday ? 'long' : undefined,
    day: 'numeric',
    month: 'long',
  }).format(utcMidnight(date));
}

export function weekdayName(date: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', weekday: 'long' }).format(
    utcMidnight(date),
  );
}

/** "today", "tomorrow", a weekday within the week, else the date. */
export function dayInWords(date: string, zone: string, now: number = Date.now()): string {
  const away = daysAway(date, zone, now);
  if (away === 0 || away === 1) {
    return new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto' }).format(away, 'day');
  }
  if (away > 1 && away < 7) return weekdayName(date);
  return dateInWords(date);
}

/** The wall-clock time of an instant at the workplace: "8:00". */
export function timeAt(instant: string, zone: string): string {
  const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: zone }).format(
      Date.parse(instant),
    );
  } catch {
    return new Intl.DateTimeFormat(intlLocale(), options).format(Date.parse(instant));
  }
}

/** A local "HH:MM" in the person's way of writing times. */
export function clockTime(hhmm: string): string {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return new Intl.DateTimeFormat(intlLocale(), {
    timeZone: 'UTC',
    hour: 'numeric',
    minute: '2-digit',
  }).format(Date.UTC(2000, 0, 1, hours ?? 0, minutes ?? 0));
}

/** ISO weekday (1 = Monday) → its name in the person's language. */
export function isoWeekdayName(day: number): string {
  // 3 January 2000 was a Monday.
  return new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', weekday: 'long' }).format(
    Date.UTC(2000, 0, 2 + day),
  );
}

/** Unicode bidi isolation (FSI … PDI, UAX #9): a time range or a workplace's name keeps its
 * own direction inside a Hebrew sentence ("8:00–12:00" never turns into "12:00–8:00"). */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** "8:00–12:00" at the workplace. */
export function hoursAt(start: string, end: string, zone: string): string {
  return isolate(`${timeAt(start, zone)}–${timeAt(end, zone)}`);
}

/** "Next shift: tomorrow 8:00 at Hotel Aurora", or "now" while it is under way. */
export function nextShiftInWords(next: Occurrence, now: number = Date.now()): string {
  if (Date.parse(next.start) <= now) {
    return t('shifts.now', {
      workplace: isolate(next.workplace),
      end: isolate(timeAt(next.end, next.zone)),
    });
  }
  return t('shifts.next', {
    day: dayInWords(next.date, next.zone, now),
    time: isolate(timeAt(next.start, next.zone)),
    workplace: isolate(next.workplace),
  });
}

/** The date `days` after `date` (YYYY-MM-DD, as written: no zone shift). */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "Today, Tuesday 8 December", "Tomorrow, …", else "Thursday 10 December". */
export function dayWithDate(date: string, zone: string, now: number = Date.now()): string {
  const away = daysAway(date, zone, now);
  if (away === 0) return t('shifts.today', { date: dateInWords(date) });
  if (away === 1) return t('shifts.tomorrow', { date: dateInWords(date) });
  return dateInWords(date);
}

/** "8:00–12:00", or "22:00–6:00 (ends the next day)", from local "HH:MM" times. */
export function hoursInWords(startsAt: string, endsAt: string, endsNextDay: boolean): string {
  const hours = isolate(`${clockTime(startsAt)}–${clockTime(endsAt)}`);
  return endsNextDay ? t('shifts.endsNextDayNote', { hours }) : hours;
}

/** Whether clocks in the two zones read the same at this instant (Europe/Helsinki and
 * Europe/Riga do; Europe/Helsinki and Europe/Warsaw do not). */
export function sameClock(instant: string, zone: string, other: string): boolean {
  if (zone === other) return true;
  const at = (timeZone: string) => {
    try {
      return new Intl.DateTimeFormat('en-CA', {
        timeZone,
        dateStyle: 'short',
        timeStyle: 'short',
        hourCycle: 'h23',
      }).format(Date.parse(instant));
    } catch {
      return timeZone;
    }
  };
  return at(zone) === at(other);
}

/** The zone's name in the person's language, as Intl knows it: "Eastern European Time",
 * "Itä-Euroopan aika", "שעון מזרח אירופה"; the IANA name where Intl has none. */
export function zoneName(zone: string, instant: string): string {
  try {
    const parts = new Intl.DateTimeFormat(intlLocale(), {
      timeZone: zone,
      timeZoneName: 'longGeneric',
    }).formatToParts(Date.parse(instant));
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone.replace(/_/g, ' ');
  } catch {
    return zone.replace(/_/g, ' ');
  }
}

/** The browser's time zone, for a new shift or a reminder at a time of day. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

let zones: string[] | null = null;

/** Every IANA zone the browser knows, the given ones included. */
export function allZones(...include: string[]): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const extra = include.filter((zone) => zone && !zones?.includes(zone));
  return extra.length ? [...extra, ...zones].sort() : zones;
}

/**
 * The server explains a refused field in English; where this screen knows what the field
 * needs, say it in the person's language instead (the reason is the same).
 */
export function inOwnWords(trouble: Trouble, known: Partial<Record<string, Key>>): Trouble {
  const fields: Record<string, string> = {};
  for (const [name, reason] of Object.entries(trouble.fields)) {
    const key = known[name];
    fields[name] = key ? t(key) : reason;
  }
  const named = Object.keys(fields).length > 0;
  return { ...trouble, title: named ? t('form.fixErrors') : trouble.title, fields };
}
