import type { Stage } from '../../api/client';
import { t } from '../../i18n';

/** The five stages of supported employment, in order (EUSE toolkit). */
export const STAGES: Stage[] = [
  'engagement',
  'profiling',
  'job_finding',
  'employer_engagement',
  'support',
];

export function stageName(stage: Stage): string {
  return t(`stage.${stage}`);
}

/** "Stage 3 of 5: Job finding" */
export function stageInWords(stage: Stage): string {
  return t('stage.position', {
    number: STAGES.indexOf(stage) + 1,
    total: STAGES.length,
    name: stageName(stage),
  });
}
