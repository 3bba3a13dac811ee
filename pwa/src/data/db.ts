/**
 * The device's copy of the signed-in person's data, in IndexedDB (through `idb`).
 *
 * Used by the page and by the service worker (Background Sync sends the outbox), so this
 * module touches no DOM: only `indexedDB`, which both have.
 *
 * Stores:
 * - `kv`     what screens read when there is no connection: `me`, the task list, each task's
 *            player and the person's progress, each with the time it was saved.
 * - `outbox` writes made on this device and not yet confirmed by the server (see outbox.ts).
 * - `runs`   the client's goes through a task (which steps are done, on this device).
 *
 * One person's data at a time: `kv` and `runs` belong to `kv['me']`; when someone else signs in
 * they are emptied (the outbox keeps each item's owner and sends only the signed-in person's).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'stepwise';
const VERSION = 1;

export interface Saved<T = unknown> {
  key: string;
  value: T;
  /** When it was saved, in ms since the epoch. */
  savedAt: number;
}

/** `session`: a training session the coach recorded beside the client (prompt levels);
 * `checkIn`: the client's check-in on a goal. */
export type OutboxKind = 'completion' | 'selfPrompt' | 'help' | 'session' | 'checkIn' | 'rating';

/** A problem the server answered that retrying cannot fix, kept to say what went wrong. */
export interface Refusal {
  status: number;
  code: string;
  title: string;
}

export interface OutboxItem {
  /** The write's own id, a UUID made when the person acted: the `clientId` in a POST's body. */
  id: string;
  /** Who made it: only this person's session may send it. */
  owner: string;
  /** The `Idempotency-Key` of every attempt: a retry is a replay, never a second write. */
  key: string;
  kind: OutboxKind;
  /** POST creates (idempotent by clientId); PUT sets a value, so a repeat changes nothing. */
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  taskId: string;
  createdAt: number;
  attempts: number;
  state: 'waiting' | 'failed';
  refusal?: Refusal;
}

export interface Run {
  taskId: string;
  /** Sent with each done-mark: one go through the task. */
  runId: string;
  startedAt: number;
  /** The local day it started on (YYYY-MM-DD): a new day starts a new go. */
  day: string;
  /** Index of the step on screen. */
  position: number;
  /** Step id → the clientId of its done-mark. */
  done: Record<string, string>;
  /** Step ids whose picture was opened from the compact view (one entry per tap). */
  pictures: string[];
  /** Step ids (or '' for the task) where the client asked for help. */
  help: string[];
  finishedAt: number | null;
}

interface StepwiseDB extends DBSchema {
  kv: { key: string; value: Saved };
  outbox: { key: string; value: OutboxItem };
  runs: { key: string; value: Run };
}

export type Db = IDBPDatabase<StepwiseDB>;

let opening: Promise<Db> | null = null;
let mayCreate = true;

/** The service worker only ever uses the page's database: after a sign-out deleted it, a late
 * Background Sync event must not make a new, empty one. */
export function neverCreate(): void {
  mayCreate = false;
}

/** The database, opened once per page (or worker) and shared. */
export function db(): Promise<Db> {
  opening ??= openDB<StepwiseDB>(DB_NAME, VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion === 0 && !mayCreate) {
        transaction.abort();
        return;
      }
      database.createObjectStore('kv', { keyPath: 'key' });
      database.createObjectStore('outbox', { keyPath: 'id' });
      database.createObjectStore('runs', { keyPath: 'taskId' });
    },
    blocking() {
      // Another page wants to delete (sign-out) or upgrade the database: let it.
      closeDb();
    },
    terminated() {
      opening = null;
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Close this page's connection, so the database can be deleted. */
export function closeDb(): void {
  const current = opening;
  opening = null;
  void current?.then((database) => database.close()).catch(() => undefined);
}

export async function load<T>(key: string): Promise<Saved<T> | undefined> {
  try {
    return (await (await db()).get('kv', key)) as Saved<T> | undefined;
  } catch {
    return undefined; // private mode or storage switched off: the app works online only
  }
}

/** Save several at once, in one transaction: all of them, or (without storage) none. */
export async function saveAll(entries: [key: string, value: unknown][]): Promise<void> {
  try {
    const tx = (await db()).transaction('kv', 'readwrite');
    const savedAt = Date.now();
    await Promise.all([...entries.map(([key, value]) => tx.store.put({ key, value, savedAt })), tx.done]);
  } catch {
    // Nothing to do: without storage the next screen loads from the network.
  }
}

export async function save<T>(key: string, value: T): Promise<void> {
  try {
    await (await db()).put('kv', { key, value, savedAt: Date.now() });
  } catch {
    // Nothing to do: without storage the next screen loads from the network.
  }
}
