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

/** What a step plans, in plain words: "6 hours a week" or "25 % of the shift time". */
export function stepInWords(step: FadingStep): string {
  if (step.coachHoursPerWeek !== null && step.coachHoursPerWeek !== undefined) {
    const h = new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(step.coachHoursPerWeek);
    return t('fading.step.hours', { hours: h });
  }
  return t('fading.step.share', { share: percent(step.shareOfShiftPercent ?? 0) });
}
