/**
 * What the family screens read and write. Consent and auto-share choices go straight to the
 * server, never through the outbox: a choice about who sees what must take effect now or say
 * plainly that it did not (a withdrawal waiting in a queue would not be a withdrawal).
 */
import { api, pages, type Page, type Schemas } from '../../api/client';
import { currentLocale, type Locale } from '../../i18n';

export type ConsentTexts = Schemas['ConsentTexts'];
export type Sharing = Schemas['Sharing'];
export type ConsentHistory = Schemas['ConsentHistory'];
export type Update = Schemas['Update'];
export type Kind = Schemas['KindText']['kind'];
export type UpdateKind = Update['kind'];

export const UPDATE_KINDS: UpdateKind[] = ['updates', 'goals', 'training', 'shifts'];
export const KINDS: Kind[] = ['updates', 'goals', 'training', 'shifts', 'workplace', 'help_alerts', 'profile'];

/** The wording in `locale` (the screen's language unless staff chose the client's). */
export function consentTexts(locale: Locale = currentLocale()): Promise<ConsentTexts> {
  return api.get('/api/family/consent-texts', { query: { locale } });
}

export interface SharingData {
  texts: ConsentTexts;
  sharing: Sharing;
}

export async function loadSharing(clientId: string, locale?: Locale): Promise<SharingData> {
  const path = { client_id: clientId };
  const [texts, sharing] = await Promise.all([
    consentTexts(locale),
    api.get('/api/clients/{client_id}/sharing', { path }),
  ]);
  return { texts, sharing };
}

export type HistoryEvent =
  | { kind: 'consent'; event: ConsentHistory['consents'][number] }
  | { kind: 'autoShare'; event: ConsentHistory['autoShare'][number] };

/** How many of each of the history's two lists a page holds. */
const HISTORY_PAGE = 50;

/**
 * Every consent and auto-share choice as one timeline, newest first, a page at a time. The
 * server pages its two lists side by side (up to a page of each); an event older than where a
 * list with more to come stopped waits for that list's next page, so each page read later only
 * adds older events after those shown.
 */
export function consentTimeline(clientId: string): {
  first: () => Promise<Page<HistoryEvent>>;
  follow: (page: Page<HistoryEvent>) => Promise<Page<HistoryEvent>>;
} {
  let held: HistoryEvent[] = [];
  const at = (e: HistoryEvent) => Date.parse(e.event.at);
  function reveal({ body, next }: { body: ConsentHistory; next: string | null }): Page<HistoryEvent> {
    const all: HistoryEvent[] = [
      ...held,
      ...body.consents.map((event) => ({ kind: 'consent' as const, event })),
      ...body.autoShare.map((event) => ({ kind: 'autoShare' as const, event })),
    ].sort((a, b) => at(b) - at(a));
    // Where each list with more to come stopped; events older than the later of those wait.
    const stops = next
      ? [body.consents, body.autoShare]
          .filter((list) => list.length >= HISTORY_PAGE)
          .map((list) => Date.parse(list[list.length - 1]?.at ?? ''))
      : [];
    const horizon = stops.length ? Math.max(...stops) : -Infinity;
    held = all.filter((e) => at(e) < horizon);
    return { items: all.filter((e) => at(e) >= horizon), next };
  }
  return {
    first: async () => {
      held = [];
      return reveal(
        await pages.firstOf('/api/clients/{client_id}/consents', {
          path: { client_id: clientId },
          query: { limit: HISTORY_PAGE },
        }),
      );
    },
    follow: async (page) => (page.next ? reveal(await pages.nextOf<ConsentHistory>(page.next)) : { items: [], next: null }),
  };
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
