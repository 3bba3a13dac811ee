/**
 * What the service worker says when a push message arrives, in the person's language.
 *
 * The texts live in the app's message catalogues (`push.*` keys, checked by
 * scripts/check-i18n.mjs like every other string); the page hands the worker the person's
 * language and its texts through IndexedDB whenever the language is set, so the worker stays
 * small (no catalogues bundled into sw.js) and still speaks the language chosen last. With
 * nothing saved (a new device, after sign-out) the worker shows the payload's English title.
 *
 * No DOM here: the service worker imports this module.
 */
import { load, save } from './db';

/** The server's one list of push kinds, `PushKind` in shared_schemas/reminders.py, in its order
 * (tests/unit/test_contract.py checks that the two agree). */
export const PUSH_KINDS = [
  'shift_prepare',
  'shift_leave',
  'goal_checkin',
  'conversation',
  'coach',
  'family_update',
  'update_waiting',
  'help_request',
  'help_alert',
  'test',
  'help_resolved',
  'passkeys_changed',
  'meeting',
  'follow_up',
  'interview',
  'shift_start',
  'fading',
  'handover_feedback',
  'after_support',
  'development',
] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

export interface PushTexts {
  locale: string;
  dir: 'ltr' | 'rtl';
  titles: Record<PushKind, string>;
  /** The line under each title: where a tap takes the person. */
  body: string;
  /** "{task}, step {number}": the coach's "I need help" notification names the task and step. */
  helpStep?: string;
}

const KEY = 'push-texts';

export function savePushTexts(texts: PushTexts): Promise<void> {
  return save(KEY, texts);
}

export async function loadPushTexts(): Promise<PushTexts | null> {
  return (await load<PushTexts>(KEY))?.value ?? null;
}

export function isPushKind(value: unknown): value is PushKind {
  return typeof value === 'string' && (PUSH_KINDS as readonly string[]).includes(value);
}
