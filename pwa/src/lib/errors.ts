/**
 * Turn anything that went wrong into words for the person: the server's problem details
 * (RFC 9457), a refused or cancelled passkey (WebAuthn DOMException names), or no connection.
 */
import { ApiError, OFFLINE } from '../api/client';
import { t, type Key } from '../i18n';

export interface Trouble {
  /** One sentence for a notice at the top of the form. */
  title: string;
  /** Form field name → reason, shown next to the field. */
  fields: Record<string, string>;
  code?: string | undefined;
}

/** Server codes that have a translated sentence (the server's own words are English). */
const CODES: Record<string, Key> = {
  used: 'problem.used',
  expired: 'problem.expired',
  revoked: 'problem.revoked',
  unknown: 'problem.unknown',
  passkey_refused: 'problem.passkeyRefused',
  passkey_invalid: 'problem.passkeyInvalid',
  challenge_unknown: 'problem.challengeUnknown',
  challenge_expired: 'problem.challengeExpired',
  last_passkey: 'problem.lastPasskey',
  reverify_needed: 'problem.reverifyNeeded',
  signed_out: 'problem.signedOut',
  forbidden: 'problem.forbidden',
  not_found: 'problem.notFound',
  conflict: 'problem.conflict',
  evaluation_not_open: 'problem.evaluationNotOpen',
  goal_not_started: 'problem.goalNotStarted',
  goal_ended: 'problem.goalEnded',
  gone: 'problem.notFound',
  rate_limited: 'error.tooMany',
  csrf: 'problem.csrf',
  key_reused: 'problem.keyReused',
  in_progress: 'problem.inProgress',
  too_large: 'problem.tooLarge',
  unsupported_type: 'problem.unsupportedType',
  bad_character: 'problem.badCharacter',
  name_direction: 'problem.nameDirection',
  date_range: 'problem.dateRange',
  number_too_large: 'problem.numberTooLarge',
  server_error: 'error.server',
  unavailable: 'error.server',
  disclosure_missing: 'profile.problem.disclosureMissing',
  not_newest: 'profile.problem.notNewest',
};

/** A server code in the person's language, or null when the UI has no words for it. */
export function codeInWords(code: string | undefined): string | null {
  const key = code ? CODES[code] : undefined;
  return key ? t(key) : null;
}

const PASSKEY_ERRORS: Record<string, Key> = {
  NotAllowedError: 'passkey.error.notAllowed',
  AbortError: 'passkey.error.notAllowed',
  InvalidStateError: 'passkey.error.exists',
  SecurityError: 'passkey.error.security',
  NotSupportedError: 'passkey.error.unsupported',
};

export function describe(error: unknown): Trouble {
  if (error instanceof ApiError) {
    if (error.status === OFFLINE) return { title: t('error.offline'), fields: {} };
    if (error.status === 429) return { title: t('error.tooMany'), fields: {} };
    if (error.status >= 500) return { title: t('error.server'), fields: {} };
    const code = error.code;
    const translated = code ? CODES[code] : undefined;
    if (translated) {
      const fields: Record<string, string> = {};
      for (const name of Object.keys(error.fields)) fields[name] = t(translated);
      return { title: t(translated), fields, code };
    }
    return { title: error.title, fields: error.fields, code };
  }
  if (error instanceof DOMException) {
    const key = PASSKEY_ERRORS[error.name];
    return { title: key ? t(key) : t('passkey.error.other'), fields: {}, code: error.name };
  }
  return { title: t('error.unexpected'), fields: {} };
}
