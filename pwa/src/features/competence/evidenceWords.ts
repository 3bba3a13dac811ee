/** Words and types of evidence from practice, the summative assessment and the certificate. */
import type { Schemas } from '../../api/client';
import { formatDate, t, type Key } from '../../i18n';
import { competencesOf, inLocale, type Framework } from './words';

export type Suggestion = Schemas['EvidenceSuggestion'];
export type Evidence = Schemas['Evidence'];
export type EvidenceKind = Schemas['EvidenceCreate']['kind'];
export type Assessment = Schemas['Assessment'];
export type Decision = NonNullable<Schemas['AssessmentEdit']['decision']>;
export type GapReport = Schemas['GapReport'];

export const DECISIONS: Decision[] = ['certified', 'certified_with_conditions', 'not_yet'];

/** "Profile approved by the client · 6 Dec 2026", "Employer contacts in the week of 30 Nov: 2" */
export function kindWords(kind: EvidenceKind, occurredOn: string, amount: number): string {
  return t(`competence.evidence.kind.${kind}` as Key, { date: formatDate(occurredOn), n: amount });
}

export function decisionName(decision: Decision): string {
  return t(`competence.assessment.decision.${decision}` as Key);
}

/** "Vocational profiling — 3. Writes the profile in the client's words …" */
export function indicatorWords(framework: Framework, competence: string, indicator: number): string {
  const found = competencesOf(framework).find((c) => c.competence.key === competence)?.competence;
  if (!found) return competence;
  const words = found.indicators[indicator];
  return `${inLocale(found.titles)} — ${indicator + 1}. ${words ? inLocale(words) : ''}`;
}
