/**
 * Sending the outbox: shared by the page and the service worker (Background Sync), so no DOM.
 *
 * Exactly once, end to end:
 * - every item keeps the `Idempotency-Key` it got when the person acted, so any repeat (a lost
 *   answer, a page closed while sending, a second tab or the worker sending too) is answered by
 *   the server with the first result (`Idempotent-Replayed: true`) instead of a second write;
 * - the body carries the item's `localId`, unique in the server's table: a second line of
 *   defence if the key's record is gone;
 * - an item leaves the outbox only after the server's 2xx, and the sender holds a Web Lock
 *   ("stepwise-outbox") so two senders on this device take turns.
 *
 * What each answer means (draft-ietf-httpapi-idempotency-key-header, RFC 9110):
 * - 2xx: saved (or saved before: a replay). Remove the item.
 * - no answer (network error): keep it; try again when the connection is back.
 * - 409 `in_progress`: the first attempt is still running on the server; wait Retry-After, retry.
 * - 408, 429, 5xx: keep it and retry later (5xx results are not stored: the write did not happen).
 * - 401: signed out; keep it for when the same person signs in again.
 * - any other 4xx (also a 409 with another code: that can never succeed): final; kept as
 *   "could not be saved" with the reason, for the person to read and dismiss.
 */
import { db, type OutboxItem, type Refusal } from './db';

export const OUTBOX_LOCK = 'stepwise-outbox';
export const OUTBOX_CHANNEL = 'stepwise-outbox';
export const SYNC_TAG = 'stepwise-outbox';

/** How many times one drain retries an item answered 409 in_progress before leaving it. */
const BUSY_RETRIES = 5;
const MAX_RETRY_AFTER_MS = 5_000;

export type DrainResult =
  /** Nothing of this person is waiting any more. */
  | 'done'
  /** No connection: the rest waits for the online event. */
  | 'offline'
  /** The server asked to wait (408/409/429/5xx): try again after a pause. */
  | 'later'
  /** The session ended: wait until the person signs in. */
  | 'signed-out';

type Outcome =
  | { kind: 'sent' }
  | { kind: 'offline' }
  | { kind: 'busy'; waitMs: number }
  | { kind: 'later' }
  | { kind: 'signed-out' }
  | { kind: 'refused'; refusal: Refusal };

function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('Retry-After') ?? '1');
  return Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000, MAX_RETRY_AFTER_MS);
}

type Problem = Omit<Refusal, 'status'>;

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as {
      title?: unknown;
      code?: unknown;
      errors?: { code?: unknown; field?: unknown; reason?: unknown }[];
    };
    const listed = Array.isArray(body.errors) ? body.errors : [];
    const first = listed[0]?.code;
    const code =
      typeof body.code === 'string' && body.code
        ? body.code
        : typeof first === 'string'
          ? first
          : '';
    const errors = listed.flatMap((e) =>
      typeof e.field === 'string' && typeof e.reason === 'string'
        ? [{ field: e.field, reason: e.reason, ...(typeof e.code === 'string' ? { code: e.code } : {}) }]
        : [],
    );
    return { code, title: typeof body.title === 'string' ? body.title : response.statusText, errors };
  } catch {
    return { code: '', title: response.statusText };
  }
}

/**
 * The request of one attempt. An item with a file goes as multipart/form-data: the browser writes
 * its Content-Type with a new boundary each time (never set by hand, or the boundary is lost);
 * the server's idempotency check compares the body without it (backend/sync/idempotency.py).
 */
export function requestOf(item: OutboxItem): RequestInit {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'X-Requested-With': 'stepwise',
    'Idempotency-Key': item.key,
  };
  let body: BodyInit;
  if ('upload' in item) {
    const form = new FormData();
    form.append(item.upload.field, item.upload.blob, item.upload.name);
    body = form;
  } else {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(item.body);
  }
  return { method: item.method, credentials: 'same-origin', headers, body };
}

async function attempt(item: OutboxItem): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(item.path, requestOf(item));
  } catch {
    return { kind: 'offline' };
  }
  if (response.ok) return { kind: 'sent' };
  const status = response.status;
  if (status === 401) return { kind: 'signed-out' };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'later' };
  const problem = await problemOf(response);
  if (status === 409 && problem.code === 'in_progress') {
    return { kind: 'busy', waitMs: retryAfterMs(response) };
  }
  return { kind: 'refused', refusal: { status, ...problem } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The person's waiting items, oldest first. */
export async function waitingItems(owner: string): Promise<OutboxItem[]> {
  const all = await (await db()).getAll('outbox');
  return all
    .filter((item) => item.owner === owner && item.state === 'waiting')
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

async function drainUnlocked(owner: string, onChange: () => void): Promise<DrainResult> {
  for (const first of await waitingItems(owner)) {
    const database = await db();
    // Re-read: another sender may have sent (and removed) it meanwhile.
    let item = await database.get('outbox', first.id);
    if (!item || item.state !== 'waiting') continue;
    let outcome = await attempt(item);
    for (let busy = 0; outcome.kind === 'busy' && busy < BUSY_RETRIES; busy++) {
      await sleep(outcome.waitMs);
      outcome = await attempt(item);
    }
    item = await database.get('outbox', first.id);
    if (!item) continue;
    switch (outcome.kind) {
      case 'sent':
        await database.delete('outbox', item.id);
        onChange();
        continue;
      case 'refused':
        await database.put('outbox', { ...item, state: 'failed', refusal: outcome.refusal });
        onChange();
        continue;
      case 'offline':
        await database.put('outbox', { ...item, attempts: item.attempts + 1 });
        return 'offline';
      case 'signed-out':
        return 'signed-out';
      case 'busy':
      case 'later':
        await database.put('outbox', { ...item, attempts: item.attempts + 1 });
        return 'later';
    }
  }
  return 'done';
}

/**
 * Send every waiting item of `owner`, oldest first, one at a time. Holds the device-wide
 * Web Lock while it runs, so page tabs and the service worker never send side by side.
 */
export async function drain(owner: string, onChange: () => void): Promise<DrainResult> {
  // Web Locks: in pages and in workers alike (navigator.locks), missing only in old browsers.
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return drainUnlocked(owner, onChange);
  return await locks.request(OUTBOX_LOCK, () => drainUnlocked(owner, onChange));
}

/** Who is signed in on this device, as last seen by the page (the worker has no session API). */
export async function currentOwner(): Promise<string | null> {
  // After a sign-out the database is gone (and the worker never makes one: db.ts).
  const saved = await (await db().catch(() => null))?.get('kv', 'me');
  const me = saved?.value as { id?: unknown } | undefined;
  return typeof me?.id === 'string' ? me.id : null;
}
