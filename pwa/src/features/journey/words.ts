import type { Schemas, Stage } from '../../api/client';
import { currentLocale, t, type Key } from '../../i18n';

export type Journey = Schemas['Journey'];
export type Episode = Schemas['Episode'];
export type StagePeriod = Schemas['StagePeriod'];
export type Benefit = Episode['benefits'][number];
export type ClosureReason = NonNullable<Episode['closureReason']>;

export const BENEFITS: Benefit[] = [
  'unemployment',
  'disability',
  'sickness',
  'social_assistance',
  'housing',
  'other',
];
export const CLOSURE_REASONS: ClosureReason[] = [
  'in_work',
  'moved',
  'chose_to_stop',
  'no_contact',
  'other',
];

/** Today on this phone, as the server's dates are written (YYYY-MM-DD). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "3 March" (with the year when it is not this year), in the screen's language. */
export function dayInWords(iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day);
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' };
  if (year !== new Date().getFullYear()) options.year = 'numeric';
  // British English writes the day first ("3 March"), as the other three languages do.
  const locale = currentLocale();
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, options).format(date);
}

/** The stage as the client reads it: "Getting to know you". */
export function stageForClient(stage: Stage): string {
  return t(`journey.mine.stage.${stage}` as Key);
}

/** "from 3 March" or "from 3 March to 20 April". */
export function periodInWords(period: { startedOn: string; endedOn: string | null }): string {
  return period.endedOn
    ? t('journey.fromTo', { from: dayInWords(period.startedOn), to: dayInWords(period.endedOn) })
    : t('journey.from', { from: dayInWords(period.startedOn) });
}

export function benefitName(benefit: Benefit): string {
  return t(`journey.benefit.${benefit}` as Key);
}

export function closureName(reason: ClosureReason): string {
  return t(`journey.closure.${reason}` as Key);
}
