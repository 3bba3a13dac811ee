import type { Schemas } from '../../api/client';
import { intlLocale, t, type Key } from '../../i18n';

export type FadingPlan = Schemas['FadingPlan'];
export type FadingWeek = Schemas['FadingWeek'];
export type FadingStep = Schemas['FadingStep'];
export type FadingAlert = Schemas['FadingAlert'];
export type AlertKind = FadingAlert['kind'];

export const ALERT_WORDS: Record<AlertKind, Key> = {
  not_faded: 'fading.alert.not_faded',
  quarter: 'fading.alert.quarter',
  stable: 'fading.alert.stable',
};

/** 90 minutes → "1.5" (hours, to a tenth, in the reader's way). */
export function hours(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return t('fading.none');
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(minutes / 60);
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return t('fading.none');
  return new Intl.NumberFormat(intlLocale(), { style: 'percent' }).format(value / 100);
}

/**
 * The day a step is in force from, as the plan's weeks count it (Monday to Sunday): the first
 * step from its own day, a later one from the Monday on or after its day (the week it begins in
 * keeps the step before). So "Now" and the list of steps never disagree.
 */
export function inForceFrom(steps: FadingStep[], index: number): string {
  const from = steps[index]?.fromDate ?? '';
  if (index === 0 || !from) return from;
  const day = new Date(`${from}T00:00:00Z`);
  const toMonday = (8 - day.getUTCDay()) % 7; // 0 on a Monday
  day.setUTCDate(day.getUTCDate() + toMonday);
  return day.toISOString().slice(0, 10);
}

/** What a step plans, in plain words: "6 hours a week" or "25 % of the shift time". */
export function stepInWords(step: FadingStep): string {
  if (step.coachHoursPerWeek !== null && step.coachHoursPerWeek !== undefined) {
    const h = new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(step.coachHoursPerWeek);
    return t('fading.step.hours', { hours: h });
  }
  return t('fading.step.share', { share: percent(step.shareOfShiftPercent ?? 0) });
}
