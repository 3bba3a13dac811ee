import type { Schemas } from '../../api/client';
import { formatDateTime, t, type Key } from '../../i18n';

export type Activity = Schemas['Activity'];
export type Mode = Activity['mode'];
export type WithWhom = Activity['withWhom'];
export type Purpose = Activity['purposes'][number];

export const MODES: Mode[] = ['workplace', 'office', 'elsewhere', 'phone', 'video', 'message'];
export const WHOM: WithWhom[] = ['client', 'family', 'employer_person', 'coworker', 'professional', 'funder'];
export const PURPOSES: Purpose[] = [
  'training',
  'follow_along',
  'job_search',
  'employer_contact',
  'family',
  'benefits',
  'admin',
  'other',
];
/** Whom an activity is with, written as a short name (the server asks for it). */
export const NAMED: WithWhom[] = ['family', 'coworker', 'professional', 'funder'];

export const modeName = (mode: Mode): string => t(`activity.mode.${mode}` as Key);
export const whomName = (whom: WithWhom): string => t(`activity.whom.${whom}` as Key);
export const purposeName = (purpose: Purpose): string => t(`activity.purpose.${purpose}` as Key);

/** With whom, in words: "With family: Mother"; for the client reading it, "With you". */
export function whomInWords(activity: Activity, forClient: boolean): string {
  if (activity.withWhom === 'client') return forClient ? t('activity.withYou') : whomName('client');
  return activity.withName ? `${whomName(activity.withWhom)}: ${activity.withName}` : whomName(activity.withWhom);
}

/** One line: how, and for how long or that it was only tried. */
export function howInWords(activity: Activity): string {
  const how = modeName(activity.mode);
  if (!activity.made) return `${how} · ${t('activity.attempted')}`;
  return activity.minutes > 0 ? `${how} · ${t('activity.minutes', { count: activity.minutes })}` : how;
}

export function whenInWords(activity: Activity): string {
  return formatDateTime(activity.occurredAt);
}

/** The local date and time of an instant, as a date and a time field hold them. */
export function localParts(at: Date): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}
