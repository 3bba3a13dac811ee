import type { Schemas } from '../../api/client';
import { t, type Key } from '../../i18n';
import { dateInWords, intlLocale } from '../shifts/words';

export type EmployerSummary = Schemas['EmployerSummary'];
export type EmployerDetail = Schemas['EmployerDetail'];
export type EmployerPerson = Schemas['EmployerPerson'];
export type Job = Schemas['Job'];
export type WorkPlace = Schemas['WorkPlace'];
export type ContractType = NonNullable<Job['contractType']>;
export type EndReason = NonNullable<Job['endReason']>;

export const CONTRACT_TYPES: ContractType[] = ['permanent', 'fixed_term', 'apprenticeship', 'agency', 'other'];
export const END_REASONS: EndReason[] = ['quit', 'dismissed', 'contract_ended', 'moved_job', 'health', 'other'];

/** "Last contact: 3 December 2026", or that nobody has been in touch yet. */
export function lastContactInWords(at: string | null | undefined): string {
  return at ? t('employers.lastContact', { date: dateInWords(at.slice(0, 10), false) }) : t('employers.noContact');
}

/** 12.5 → "12.5" in the reader's way of writing numbers. */
export function hoursInWords(hours: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(hours);
}

/** 1140 cents in EUR → "€11.40" in the reader's way. */
export function payInWords(cents: number, currency: string): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency }).format(cents / 100);
}

/** A job's facts in a line: "Kitchen assistant at Hotel Aurora, since 2 November 2026". */
export function jobInWords(job: Job): string {
  const since = dateInWords(job.startDate, false);
  const where = job.employerName ? t('jobs.titleAt', { title: job.title, employer: job.employerName }) : job.title;
  return job.endDate
    ? t('jobs.ended', { job: where, start: since, end: dateInWords(job.endDate, false) })
    : t('jobs.since', { job: where, start: since });
}

/** Hours and pay in a line, "" when neither is known. */
export function termsInWords(job: Job): string {
  const parts: string[] = [];
  if (job.hoursPerWeek !== null) parts.push(t('jobs.hoursShort', { hours: hoursInWords(job.hoursPerWeek) }));
  if (job.hourlyPayCents !== null) parts.push(t('jobs.payShort', { pay: payInWords(job.hourlyPayCents, job.currency) }));
  if (job.contractType) parts.push(t(`jobs.contract.${job.contractType}` as Key));
  return parts.join(' · ');
}

/** "12,50" or "12.50" typed by a person → 1250 cents; null when empty; NaN when not a sum. */
export function centsOf(typed: string): number | null {
  const clean = typed.trim().replace(/\s/g, '').replace(',', '.');
  if (!clean) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 100);
}

/** "12,5" or "12.5" hours → 12.5; null when empty; NaN when not a number. */
export function hoursOf(typed: string): number | null {
  const clean = typed.trim().replace(',', '.');
  if (!clean) return null;
  if (!/^\d+(\.\d)?$/.test(clean)) return Number.NaN;
  return Number(clean);
}
