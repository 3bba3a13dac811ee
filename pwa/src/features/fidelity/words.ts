import type { Schemas } from '../../api/client';
import { currentLocale, formatDate, t, type Key } from '../../i18n';
import { figureNumber, periodName, unitWords } from '../outcomes/words';

export type Template = Schemas['FidelityTemplate'];
export type Review = Schemas['FidelityReview'];
export type ReviewSummary = Schemas['FidelityReviewSummary'];
export type ItemScore = Schemas['FidelityScore'];
export type Comparison = Schemas['FidelityComparison'];
export type TemplateItem = Schemas['FidelityItem'];

/** A text of the template in the reader's language (English when it has none). */
export function pick(texts: Record<string, string> | undefined): string {
  if (!texts) return '';
  return texts[currentLocale()] ?? texts.en ?? '';
}

const BANDS: Record<NonNullable<Review['band']>, Key> = {
  exemplary: 'fidelity.band.exemplary',
  good: 'fidelity.band.good',
  fair: 'fidelity.band.fair',
  not_supported: 'fidelity.band.notSupported',
};

export function bandName(band: Review['band']): string {
  return band ? t(BANDS[band]) : t('fidelity.band.none');
}

export function templateName(key: Review['template']): string {
  return key === 'ips' ? t('fidelity.template.ips') : t('fidelity.template.euse');
}

export function scopeWords(review: ReviewSummary): string {
  return review.scope.kind === 'organisation'
    ? t('outcomes.scope.organisation')
    : t('outcomes.scope.team', { name: review.scope.name ?? '' });
}

export function reviewTitle(review: ReviewSummary): string {
  return `${templateName(review.template)}: ${scopeWords(review)}, ${periodName(review.start, review.end)}`;
}

/** "3 (Met)" on the EUSE scale; "4" on the IPS one. */
export function scoreWords(scale: Template['scale'], score: number | null | undefined): string {
  if (score === null || score === undefined) return t('fidelity.notScored');
  if (scale === 'met') return t(score === 3 ? 'fidelity.met.3' : score === 2 ? 'fidelity.met.2' : 'fidelity.met.1');
  return String(score);
}

export function totalWords(review: ReviewSummary): string {
  return t('fidelity.total', { score: review.total, top: review.top, scored: review.scored, items: review.items });
}

export function statusWords(review: ReviewSummary): string {
  return review.status === 'finished'
    ? t('fidelity.status.finished', { date: formatDate(review.finishedAt ?? review.createdAt) })
    : t('fidelity.status.draft');
}

/** The figure a suggestion comes from, in words: "3 clients per coach, November 2026". */
export function evidenceWords(evidence: NonNullable<ItemScore['evidence']>): string {
  const unit = evidence.unit as Schemas['Figure']['unit'];
  return t('fidelity.evidence', {
    value: `${figureNumber(evidence.value, unit)} ${unitWords(unit, evidence.value)}`.trim(),
    period: periodName(evidence.start, evidence.end),
  });
}

/** The rows behind the evidence on Results: the same scope and the period's month. */
export function evidenceHref(review: ReviewSummary, evidence: NonNullable<ItemScore['evidence']>): string {
  const q = new URLSearchParams();
  q.set('scope', review.scope.kind);
  if (review.scope.id) q.set('id', review.scope.id);
  q.set('month', evidence.start.slice(0, 7));
  return `/results/${evidence.indicator}?${q.toString()}`;
}

const CHANGES: Record<Schemas['FidelityItemChange']['change'], Key> = {
  up: 'fidelity.change.up',
  down: 'fidelity.change.down',
  same: 'fidelity.change.same',
  scored: 'fidelity.change.scored',
  unscored: 'fidelity.change.unscored',
  none: 'fidelity.change.none',
};

export function changeWords(change: Schemas['FidelityItemChange']): string {
  return t(CHANGES[change.change], { n: Math.abs(change.difference ?? 0) });
}

export function differenceWords(difference: number): string {
  if (difference > 0) return t('fidelity.change.up', { n: difference });
  if (difference < 0) return t('fidelity.change.down', { n: -difference });
  return t('fidelity.change.same');
}

/** The template's item by key, with its section. */
export function findItem(template: Template, key: string): { item: TemplateItem; section: Template['sections'][number] } | null {
  for (const section of template.sections) {
    const item = section.items.find((i) => i.key === key);
    if (item) return { item, section };
  }
  return null;
}

export function sectionTitle(template: Template, key: string): string {
  return pick(template.sections.find((s) => s.key === key)?.titles);
}

export function itemTitle(template: Template, key: string): string {
  return pick(findItem(template, key)?.item.titles) || key;
}
