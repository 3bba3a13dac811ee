/** The PTA battery's texts in the person's language, English when a translation is missing. */
import type { Schemas } from '../../api/client';
import { currentLocale } from '../../i18n';

export type Section = Schemas['Section'];
export type Conversation = Schemas['Conversation'];

export function inLocale(texts: Record<string, string>, locale: string = currentLocale()): string {
  return texts[locale] || texts.en || Object.values(texts)[0] || '';
}

/** Where a conversation resumes: the section after the last one with an answer (questions
 * may be left unanswered on purpose, so a gap earlier on is not where the coach stopped). */
export function resumeAt(conversation: Conversation): number {
  let last = -1;
  conversation.sections.forEach((s, i) => {
    if (s.questions.some((q) => conversation.answers[q.key])) last = i;
  });
  return last + 1;
}
