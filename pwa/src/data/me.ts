/**
 * The signed-in person, kept on the device so the app opens offline as them (not on the
 * sign-in screen) when `/api/me` cannot be reached.
 */
import type { Me } from '../api/client';
import { db, load } from './db';

const KEY = 'me';
/**
 * The signed-in person's role, in localStorage: read at start without opening IndexedDB (which
 * would make the database again on the first start after a sign-out deleted it).
 */
const ROLE_KEY = 'stepwise.role';

/** The role of the person signed in on this device when the app last knew, if it was saved. */
export function storedRole(): string | null {
  try {
    return localStorage.getItem(ROLE_KEY);
  } catch {
    return null;
  }
}

/** Save who is signed in; someone else's data left on the device is emptied first. */
export async function rememberMe(me: Me): Promise<void> {
  try {
    localStorage.setItem(ROLE_KEY, me.role);
  } catch {
    // No storage: the app starts with /api/me.
  }
  try {
    const database = await db();
    const before = (await database.get('kv', KEY))?.value as Me | undefined;
    const tx = database.transaction(['kv', 'runs'], 'readwrite');
    if (before && before.id !== me.id) {
      await tx.objectStore('kv').clear();
      await tx.objectStore('runs').clear();
    }
    await tx.objectStore('kv').put({ key: KEY, value: me, savedAt: Date.now() });
    await tx.done;
  } catch {
    // No storage: the app works, only not offline.
  }
}

export async function storedMe(): Promise<Me | null> {
  return (await load<Me>(KEY))?.value ?? null;
}
