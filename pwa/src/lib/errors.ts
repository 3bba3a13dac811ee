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

/** Why the server refused a photo (backend/lib/images.py codes), for the person to act on. */
const PHOTO_CODES: Record<string, Key> = {
  too_large: 'builder.upload.tooLarge',
  too_many_pixels: 'builder.upload.tooManyPixels',
  not_an_image: 'builder.upload.notAnImage',
  heic: 'builder.upload.heic',
  damaged: 'builder.upload.damaged',
  empty: 'builder.upload.damaged',
  incomplete: 'builder.upload.incomplete',
};

/**
 * A refused photo's reason in words: the photo codes in the person's language, then the other
 * codes the UI knows, then the server's own sentence (which names the reason, in English).
 */
export function photoRefusalInWords(refusal: { code: string; title: string } | undefined): string {
  const key = refusal?.code ? PHOTO_CODES[refusal.code] : undefined;
  if (key) return t(key);
  return codeInWords(refusal?.code) ?? (refusal?.title || t('sync.refusedReason'));
}

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
