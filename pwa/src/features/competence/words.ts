/** Staff competence's shared words and types: texts in the reader's language, levels, tracks. */
import type { Schemas } from '../../api/client';
import { currentLocale, formatDate, t, type Key } from '../../i18n';

export type Framework = Schemas['Framework'];
export type PersonRow = Schemas['PersonRow'];
export type Cell = Schemas['MatrixCell'];
export type Competence = Schemas['Competence'];
export type Setting = Schemas['MentoringVisitCreate']['setting'];

/** A text in the reader's language; English when a translation is missing. */
export function inLocale(texts: Record<string, string>): string {
  return texts[currentLocale()] || texts.en || Object.values(texts)[0] || '';
}

export function competencesOf(framework: Framework): { area: string; competence: Competence }[] {
  return framework.areas.flatMap((a) => a.competences.map((c) => ({ area: inLocale(a.titles), competence: c })));
}

export function levelName(framework: Framework, level: number | null | undefined): string {
  if (level === null || level === undefined) return t('competence.noEvidence');
  const words = framework.levels.find((l) => l.level === level);
  return words ? `${level} – ${inLocale(words.titles)}` : String(level);
}

export function trackName(framework: Framework, key: string): string {
  const track = framework.tracks.find((tr) => tr.key === key);
  return track ? inLocale(track.titles) : key;
}

/** "2 – On your own … · from a mentoring visit on 3 Dec 2026" */
export function evidenceWords(cell: Cell): string {
  if (cell.source === 'none' || !cell.evidenceOn) return t('competence.source.none');
  const key: Key =
    cell.source === 'assessment'
      ? 'competence.assessment.source'
      : cell.source === 'visit'
        ? 'competence.source.visit'
        : 'competence.source.self';
  return t(key, { date: formatDate(cell.evidenceOn) });
}

export const SETTINGS: Setting[] = ['job_development', 'job_analysis', 'training', 'family_meeting', 'other'];

export function settingName(setting: Setting): string {
  return t(`competence.setting.${setting}` as Key);
}

export function newId(): string {
  return crypto.randomUUID();
}

export type Scenario = Schemas['SimulationCreate']['scenario'];
export type TrainingRecord = Schemas['TrainingRecord'];
export type PlanGoal = Schemas['PlanGoal'];

export const SCENARIOS: Scenario[] = [
  'first_meeting',
  'employer_call',
  'negotiation',
  'task_analysis',
  'family_conversation',
  'crisis',
  'other',
];

export function scenarioName(scenario: Scenario): string {
  return t(`competence.simulation.kind.${scenario}` as Key);
}

/** "+1 – more than expected" on the Goal Attainment Scale. */
export function progressName(progress: number | null | undefined): string {
  if (progress === null || progress === undefined) return t('competence.plan.notRated');
  return t(`competence.plan.progress.${progress + 2}` as Key);
}
