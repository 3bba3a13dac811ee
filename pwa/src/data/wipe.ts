/**
 * Sign-out: remove everything of the person from this device — the IndexedDB databases, the
 * Cache Storage caches with their data (photos, task answers), localStorage and sessionStorage.
 * The server's `Clear-Site-Data: "cache", "storage"` does the same where the browser honours it;
 * this does not depend on it (W3C Clear Site Data is not in every browser).
 */
import { closeDb, DB_NAME, neverCreate } from './db';
import { isPersonalCache } from './caches';

/**
 * Right after the server's Clear-Site-Data, Chromium sometimes never settles
 * `indexedDB.databases()` (or a deletion it has already done): sign-out must not hang on it.
 */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms)),
  ]);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab still has it open: it closes on `versionchange` (db.ts), then this succeeds.
    request.onblocked = () => undefined;
  });
}

export async function wipeDevice(): Promise<void> {
  // A write still in flight (the outbox removing what it sent, a screen saving its data) must
  // not make a new database after this one is deleted; the page reloads after sign-out.
  neverCreate();
  closeDb();
  const names = new Set([DB_NAME]);
  try {
    const infos = await within(indexedDB.databases(), 1_000, []);
    for (const info of infos) if (info.name) names.add(info.name);
  } catch {
    // indexedDB.databases() is missing in older Firefox: our own database is known by name.
  }
  await within(Promise.all([...names].map(deleteDatabase)), 3_000, []);
  if ('caches' in window) {
    const keys = await within(caches.keys(), 1_000, []);
    await within(
      Promise.all(keys.filter(isPersonalCache).map((name) => caches.delete(name))),
      3_000,
      [],
    );
  }
  localStorage.clear();
  sessionStorage.clear();
}
