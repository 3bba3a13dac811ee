/**
 * What the family screens read and write. Consent and auto-share choices go straight to the
 * server, never through the outbox: a choice about who sees what must take effect now or say
 * plainly that it did not (a withdrawal waiting in a queue would not be a withdrawal).
 */
import { api, type Schemas } from '../../api/client';
import { currentLocale, type Locale } from '../../i18n';

export type ConsentTexts = Schemas['ConsentTexts'];
export type Sharing = Schemas['Sharing'];
export type ConsentHistory = Schemas['ConsentHistory'];
export type Update = Schemas['Update'];
export type Kind = Schemas['KindText']['kind'];
export type UpdateKind = Update['kind'];

export const UPDATE_KINDS: UpdateKind[] = ['updates', 'goals', 'training', 'shifts'];
export const KINDS: Kind[] = ['updates', 'goals', 'training', 'shifts', 'workplace', 'help_alerts'];

/** The wording in `locale` (the screen's language unless staff chose the client's). */
export function consentTexts(locale: Locale = currentLocale()): Promise<ConsentTexts> {
  return api.get('/api/family/consent-texts', { query: { locale } });
}

export interface SharingData {
  texts: ConsentTexts;
  sharing: Sharing;
  history: ConsentHistory;
}

export async function loadSharing(clientId: string, locale?: Locale): Promise<SharingData> {
  const path = { client_id: clientId };
  const [texts, sharing, history] = await Promise.all([
    consentTexts(locale),
    api.get('/api/clients/{client_id}/sharing', { path }),
    api.get('/api/clients/{client_id}/consents', { path }),
  ]);
  return { texts, sharing, history };
}

export function recordConsent(
  clientId: string,
  familyId: string,
  kind: Kind,
  granted: boolean,
  texts: ConsentTexts,
) {
  return api.post('/api/clients/{client_id}/consents', {
    path: { client_id: clientId },
    body: {
      localId: crypto.randomUUID(),
      familyId,
      kind,
      granted,
      textVersion: texts.version,
      locale: texts.locale,
    },
  });
}

export function recordAutoShare(clientId: string, kind: UpdateKind, enabled: boolean, texts: ConsentTexts) {
  return api.post('/api/clients/{client_id}/auto-share', {
    path: { client_id: clientId },
    body: {
      localId: crypto.randomUUID(),
      kind,
      enabled,
      textVersion: texts.version,
      locale: texts.locale,
    },
  });
}

export function loadUpdates(clientId: string): Promise<Update[]> {
  return api.get('/api/clients/{client_id}/updates', { path: { client_id: clientId } });
}

/** The kind's name in the wording the client is shown ("News and photos"). */
export function kindTitle(texts: ConsentTexts, kind: Kind): string {
  return texts.kinds.find((k) => k.kind === kind)?.title ?? kind;
}
