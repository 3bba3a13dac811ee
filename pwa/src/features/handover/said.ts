import type { components } from '../../api/schema';
import { intlLocale, t } from '../../i18n';
import { isolate } from '../shifts/words';

type Said = Pick<components['schemas']['PackFeedbackRow'], 'kind' | 'taskTitle' | 'step'>;

/** A reader's two taps in words: "It went well", "Needed help with step 3 of “Fold the towels”". */
export function feedbackWords(row: Said): string {
  if (row.kind === 'well') return row.taskTitle ? t('handover.fb.wellTask', { task: row.taskTitle }) : t('handover.fb.well');
  if (row.step !== null && row.taskTitle) return t('handover.fb.helpStep', { step: row.step, task: row.taskTitle });
  return t('handover.fb.help');
}

/** Feedback for the client's home and page, without the reader's name (they gave none of their
 * own): "Someone at Hotel Aurora said: needed help with step 3 of “Fold the towels”". */
export function feedbackSaid(row: components['schemas']['WorkFeedback']): string {
  const place = isolate(row.employerName || row.jobTitle);
  const words = feedbackWords(row);
  // Inside the sentence: "… said: it went well" (a task's name in quotes stays as written).
  const what = words.charAt(0).toLocaleLowerCase(intlLocale()) + words.slice(1);
  return t('handover.said', { place, what });
}
