/**
 * The client's shifts on the device: the next weeks' occurrences, brought by the day (day.ts)
 * and read through IndexedDB (store.ts), so the home says "Next shift:
 * tomorrow 8:00 at Hotel Aurora" with no signal.
 *
 * The list is kept rather than the server's "next shift": which one is next, and whether it is
 * today or tomorrow, depends on when the screen is looked at, so the device works it out from
 * the saved list each time (an answer saved yesterday would say "tomorrow" about today).
 */
import { api, type Me, type Schemas } from '../api/client';

export type Occurrence = Schemas['Occurrence'];
export type Shift = Schemas['Shift'];

/** Four weeks ahead: enough for "next shift" after a holiday, small enough to save often. */
export const UPCOMING_DAYS = 28;
export const UPCOMING_KEY = 'shifts:upcoming';

export function fetchUpcoming(clientId: string): Promise<Occurrence[]> {
  return api.get('/api/clients/{client_id}/shifts/upcoming', {
    path: { client_id: clientId },
    query: { days: String(UPCOMING_DAYS) },
  });
}

export function fetchMyUpcoming(me: Me): Promise<Occurrence[]> {
  return fetchUpcoming(me.id);
}

/** The first shift that has not ended (one under way counts), skipping cancelled dates. */
export function nextOf(occurrences: Occurrence[], now: number = Date.now()): Occurrence | null {
  const ahead = occurrences
    .filter((o) => !o.cancelled && Date.parse(o.end) > now)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return ahead[0] ?? null;
}

/** The shift under way at `now` (started, not ended, not cancelled), if any. */
export function underWayAt(occurrences: Occurrence[], now: number = Date.now()): Occurrence | null {
  return occurrences.find((o) => !o.cancelled && Date.parse(o.start) <= now && now < Date.parse(o.end)) ?? null;
}
