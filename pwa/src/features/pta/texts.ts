/** The PTA battery's texts in the person's language, English when a translation is missing. */
import type { Schemas } from '../../api/client';
import { currentLocale } from '../../i18n';

export type Section = Schemas['Section'];
export type Conversation = Schemas['Conversation'];

export function inLocale(texts: Record<string, string>, locale: string = currentLocale()): string {
  return texts[locale] || texts.en || Object.values(texts)[0] || '';
}

/** The first section with a question not yet answered: where a conversation resumes. */
export function resumeAt(conversation: Conversation): number {
  const at = conversation.sections.findIndex((s) => s.questions.some((q) => !conversation.answers[q.key]));
  return at < 0 ? conversation.sections.length : at;
}
