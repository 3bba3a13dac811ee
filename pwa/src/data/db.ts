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
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { components } from '../api/schema';

export const DB_NAME = 'stepwise';
/**
 * 2: outbox items name what they hold: a body's phone-made id is `localId` (was `clientId`, now
 * only ever the client, a person) and a goal's write says `goalId` (was `taskId`). Items the
 * previous version left waiting are rewritten when this version first opens the database.
 */
const VERSION = 2;

type Body = components['schemas'];

export interface Saved<T = unknown> {
  key: string;
  value: T;
  /** When it was saved, in ms since the epoch. */
  savedAt: number;
}

/**
 * What each kind of write is about and the body it sends: the request of its endpoint, as the
 * generated contract (`api/schema.d.ts`) has it. `session`: a training session the coach
 * recorded beside the client (prompt levels); `checkIn`: the client's check-in on a goal;
 * `rating`: the client's own rating of a goal at its end (a PUT); `activity`: an activity logged by
 * a coach or mentor; `visit`: "I was there", a visit logged from a shift; `employer`, `contact`,
 * `job`: an employer, a person there or a client's job a coach entered where there was no signal;
 * `profileSection`, `profileChoices`: a change to a client's vocational profile (a PUT that
 * carries its `localId`, merged by the server field by field: `backend/profiles/merge.py`).
 * `opportunity`, `opportunityStep`, `opportunityContact`: job finding — an opportunity added, a
 * step moved, a contact with the employer logged. `analysis`, `analysisTask`, `naturalSupport`:
 * a job's analysis written at the workplace (a PUT carrying its `localId`), a task of it, who
 * helps at work (`backend/workplace`). `analysisPhoto`: a photo of the workplace taken there,
 * kept on the phone as a Blob (IndexedDB stores Blobs) and sent as multipart/form-data — its body
 * is only the phone's record of it (the caption rides in the path's query). `fadingPlan`: a new
 * version of a client's fading plan for a job (a PUT carrying its `localId`, `backend/fading`).
 */
export type OutboxWrite =
  | { kind: 'completion'; taskId: string; body: Body['CompletionCreate'] }
  | { kind: 'selfPrompt'; taskId: string; body: Body['SelfPromptCreate'] }
  | { kind: 'help'; taskId: string; body: Body['HelpRequestCreate'] }
  | { kind: 'session'; taskId: string; body: Body['SessionCreate'] }
  | { kind: 'checkIn'; goalId: string; body: Body['CheckInCreate'] }
  | { kind: 'rating'; goalId: string; body: Body['EvaluationSet'] }
  | { kind: 'activity'; body: Body['ActivityCreate'] }
  | { kind: 'visit'; body: Body['VisitCreate'] }
  | { kind: 'employer'; body: Body['EmployerCreate'] }
  | { kind: 'contact'; employerId: string; body: Body['EmployerPersonCreate'] }
  | { kind: 'job'; clientId: string; body: Body['JobCreate'] }
  | { kind: 'intake'; clientId: string; body: Body['EpisodeCreate'] }
  | { kind: 'stageStart'; clientId: string; body: Body['StageStart'] }
  | { kind: 'profileSection'; clientId: string; body: Body['SectionWrite'] }
  | { kind: 'profileChoices'; clientId: string; body: Body['ChoicesWrite'] }
  | { kind: 'opportunity'; clientId: string; body: Body['OpportunityCreate'] }
  | { kind: 'opportunityStep'; opportunityId: string; body: Body['StepMove'] }
  | { kind: 'opportunityContact'; opportunityId: string; body: Body['ContactCreate'] }
  | { kind: 'analysis'; jobId: string; body: Body['AnalysisWrite'] }
  | { kind: 'analysisTask'; jobId: string; body: Body['AnalysisTaskCreate'] }
  | { kind: 'naturalSupport'; jobId: string; body: Body['SupportCreate'] }
  | { kind: 'analysisPhoto'; jobId: string; body: PhotoNote; upload: Upload }
  | { kind: 'fadingPlan'; clientId: string; jobId: string; body: Body['FadingPlanWrite'] };

/** What the phone keeps about a photo waiting to be sent; not sent (the file and path carry it). */
export interface PhotoNote {
  localId: string;
  caption: string;
}

/**
 * A file an item sends as multipart/form-data (RFC 7578) instead of a JSON body: the same Blob,
 * under the same form field and file name, on every attempt, so a resend under the item's key is
 * the same request to the server (its fingerprint leaves the boundary out).
 */
export interface Upload {
  field: string;
  blob: Blob;
  name: string;
}

export type OutboxKind = OutboxWrite['kind'];

/** A problem the server answered that retrying cannot fix, kept to say what went wrong. */
export interface Refusal {
  status: number;
  code: string;
  title: string;
  /** The fields the server named (RFC 9457 `errors`), for a screen that shows them by the field. */
  errors?: { field: string; reason: string; code?: string }[];
}

interface OutboxEntry {
  /** The write's own id, a UUID made when the person acted: the `localId` in a POST's body. */
  id: string;
  /** Who made it: only this person's session may send it. */
  owner: string;
  /** The `Idempotency-Key` of every attempt: a retry is a replay, never a second write. */
  key: string;
  kind: OutboxKind;
  /** POST creates (idempotent by localId); PUT sets a value, so a repeat changes nothing. */
  method: 'POST' | 'PUT';
  path: string;
  createdAt: number;
  attempts: number;
  state: 'waiting' | 'failed';
  refusal?: Refusal;
}

export type OutboxItem = OutboxEntry & OutboxWrite;

export interface Run {
  taskId: string;
  /** Sent with each done-mark: one go through the task. */
  runId: string;
  startedAt: number;
  /** The local day it started on (YYYY-MM-DD): a new day starts a new go. */
  day: string;
  /** Index of the step on screen. */
  position: number;
  /** Step id → the localId of its done-mark. */
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
      if (oldVersion < 1) {
        database.createObjectStore('kv', { keyPath: 'key' });
        database.createObjectStore('outbox', { keyPath: 'id' });
        database.createObjectStore('runs', { keyPath: 'taskId' });
      }
      if (oldVersion >= 1 && oldVersion < 2) void renameOutboxFields(transaction);
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

const GOAL_KINDS: ReadonlySet<unknown> = new Set(['checkIn', 'rating']);

/**
 * An outbox item as version 1 wrote it, in version 2's names: the body's `clientId` (the phone's
 * own id of the write) becomes `localId` in the same place, so the body the server gets is the
 * one it may have stored under the write's `Idempotency-Key`, the key renamed; a goal's
 * `taskId` becomes `goalId`. Anything else is kept as it is.
 */
export function upgradeOutboxItem(old: Record<string, unknown>): Record<string, unknown> {
  const item: Record<string, unknown> = { ...old };
  const body = old.body;
  if (body && typeof body === 'object' && !Array.isArray(body) && 'clientId' in body && !('localId' in body)) {
    item.body = Object.fromEntries(
      Object.entries(body as Record<string, unknown>).map(([k, v]) => [k === 'clientId' ? 'localId' : k, v]),
    );
  }
  if (GOAL_KINDS.has(old.kind) && 'taskId' in old && !('goalId' in old)) {
    item.goalId = old.taskId;
    delete item.taskId;
  }
  return item;
}

type Upgrade = IDBPTransaction<StepwiseDB, StoreNames<StepwiseDB>[], 'versionchange'>;

/** Version 1 → 2, inside the upgrade's own transaction: the database opens once it is done. */
async function renameOutboxFields(transaction: Upgrade): Promise<void> {
  let cursor = await transaction.objectStore('outbox').openCursor();
  while (cursor) {
    await cursor.update(upgradeOutboxItem(cursor.value as unknown as Record<string, unknown>) as unknown as OutboxItem);
    cursor = await cursor.continue();
  }
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
