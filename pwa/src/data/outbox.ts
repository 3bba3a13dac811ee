/**
 * The outbox, page side: every write the person makes is first saved on the device, shown as
 * waiting, and sent by itself — now if there is a connection, else when it comes back (the
 * `online` event, the app starting, the app coming back into view, a Background Sync event in
 * the service worker where the browser has it, and a retry with growing pauses).
 * How each answer is handled, and why it lands exactly once: outbox-core.ts.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { db, type OutboxItem, type OutboxKind, type OutboxWrite, type Refusal, type Run } from './db';
import { isOnline, markReachable, onConnectionChange } from './connection';
import { drain, OUTBOX_CHANNEL, SYNC_TAG, type DrainResult } from './outbox-core';

export interface OutboxState {
  /** Writes of the signed-in person not confirmed by the server yet. */
  waiting: number;
  /** Writes the server refused for good, with its reason, until the person dismisses them. */
  failed: OutboxItem[];
  sending: boolean;
}

const EMPTY: OutboxState = { waiting: 0, failed: [], sending: false };
/** Pauses between retries while the server asks to wait or does not answer. */
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];

let owner: string | null = null;
let state: OutboxState = EMPTY;
const listeners = new Set<(state: OutboxState) => void>();
let running: Promise<DrainResult> | null = null;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retries = 0;
let onSignedOut: (() => void) | null = null;
let channel: BroadcastChannel | null = null;
let started = false;

function publish(next: OutboxState): void {
  state = next;
  for (const listener of listeners) listener(state);
}

let reads = 0;

/**
 * Re-read the counts from IndexedDB (after a change here, in another tab or in the worker).
 * Only the latest read publishes: a read begun before a write must not undo its count.
 */
async function refresh(): Promise<void> {
  const read = ++reads;
  if (!owner) {
    publish(EMPTY);
    return;
  }
  try {
    const mine = (await (await db()).getAll('outbox')).filter((item) => item.owner === owner);
    if (read !== reads) return;
    publish({
      waiting: mine.filter((item) => item.state === 'waiting').length,
      failed: mine.filter((item) => item.state === 'failed').sort((a, b) => a.createdAt - b.createdAt),
      sending: running !== null,
    });
  } catch {
    publish({ ...state, sending: running !== null });
  }
}

function changed(): void {
  void refresh();
  channel?.postMessage('changed');
}

function schedule(result: DrainResult): void {
  clearTimeout(retryTimer);
  if (result === 'done' || result === 'signed-out') {
    retries = 0;
    return;
  }
  // Offline with the network really gone: the `online` event will call flush().
  if (result === 'offline' && !navigator.onLine) return;
  const pause = BACKOFF_MS[Math.min(retries, BACKOFF_MS.length - 1)] ?? 60_000;
  retries += 1;
  retryTimer = setTimeout(() => void flush(), pause);
}

/** Send what is waiting now. Calls made while sending are folded into the running one. */
export function flush(): Promise<DrainResult> {
  const person = owner;
  if (!person) return Promise.resolve('done');
  if (running) {
    again = true;
    return running;
  }
  const run = (async (): Promise<DrainResult> => {
    let result: DrainResult;
    let rounds = 0;
    do {
      // Asked again while sending (a new write, "Send now", the connection back): one more
      // round, so nothing asked for waits for the next trigger.
      again = false;
      rounds += 1;
      try {
        result = await drain(person, changed);
      } catch {
        result = 'later'; // storage trouble: try again in a moment
      }
    } while (again && rounds < 3);
    await refresh(); // callers read outboxState() next: let it be up to date
    return result;
  })();
  running = run;
  void refresh();
  void run.then((result) => {
    running = null;
    markReachable(result !== 'offline');
    schedule(result);
    void refresh();
    if (result === 'signed-out') onSignedOut?.();
  });
  return run;
}

function registerBackgroundSync(): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready
    .then((registration) => {
      // Background Sync (WICG): the worker sends the outbox even after the page is closed.
      const sync = (registration as ServiceWorkerRegistration & {
        sync?: { register(tag: string): Promise<void> };
      }).sync;
      return sync?.register(SYNC_TAG);
    })
    .catch(() => undefined);
}

/** Start sending for the signed-in person (app start, sign-in); null stops (sign-out). */
export function startOutbox(person: string | null, signedOut?: () => void): void {
  owner = person;
  onSignedOut = signedOut ?? null;
  retries = 0;
  clearTimeout(retryTimer);
  if (!started && person) {
    started = true;
    // The connection is back: the browser's `online` event, or the server answering again.
    let wasOnline = isOnline();
    onConnectionChange(() => {
      const online = isOnline();
      if (online && !wasOnline) {
        retries = 0;
        void flush();
      }
      wasOnline = online;
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void flush();
    });
    if ('BroadcastChannel' in window) {
      channel = new BroadcastChannel(OUTBOX_CHANNEL);
      channel.onmessage = () => void refresh();
    }
  }
  void refresh();
  if (person) void flush();
}

/** Stop sending (sign-out), after the send in flight, if any, has finished. */
export async function stopOutbox(): Promise<void> {
  startOutbox(null);
  await running?.catch(() => undefined);
}

/**
 * A write to keep and send: a POST's body carries its `localId`, which becomes the item's id;
 * setting a value (a rating, a PUT) carries none, so its item's id is `id`.
 */
export type NewWrite = { path: string } & (
  | Exclude<OutboxWrite, { kind: 'rating' }>
  | (Extract<OutboxWrite, { kind: 'rating' }> & { id: string })
);

/**
 * Save a write on the device (shown as waiting at once), then try to send it. `run`, the
 * player's state that records the same act, is saved in the same transaction: a page closed
 * in between can neither lose the write nor let the person make it twice.
 */
export async function enqueue(write: NewWrite, run?: Run): Promise<OutboxItem> {
  if (!owner) throw new Error('enqueue while signed out');
  const entry = {
    owner,
    key: `sw.${crypto.randomUUID()}`,
    path: write.path,
    createdAt: Date.now(),
    attempts: 0,
    state: 'waiting' as const,
  };
  const item: OutboxItem =
    write.kind === 'rating'
      ? { ...entry, id: write.id, method: 'PUT', kind: write.kind, goalId: write.goalId, body: write.body }
      : write.kind === 'profileSection' ||
          write.kind === 'profileChoices' ||
          write.kind === 'analysis' ||
          write.kind === 'fadingPlan'
        ? { ...entry, ...write, id: write.body.localId, method: 'PUT' }
        : { ...entry, ...write, id: write.body.localId, method: 'POST' };
  const tx = (await db()).transaction(['outbox', 'runs'], 'readwrite');
  await Promise.all([
    tx.objectStore('outbox').add(item),
    run ? tx.objectStore('runs').put(run) : undefined,
    tx.done,
  ]);
  // Counted at once, before the screen moves on: "All saved" is never shown over a write that
  // is only on this phone (the re-read below confirms the count).
  publish({ ...state, waiting: state.waiting + 1 });
  changed();
  registerBackgroundSync();
  void flush();
  return item;
}

/** This person's writes of one kind still waiting to be sent, oldest first. */
export async function waitingWrites(kind: OutboxKind): Promise<OutboxItem[]> {
  if (!owner) return [];
  try {
    const all = await (await db()).getAll('outbox');
    return all
      .filter((item) => item.owner === owner && item.kind === kind && item.state === 'waiting')
      .sort((a, b) => a.createdAt - b.createdAt);
  } catch {
    return [];
  }
}

/** This person's writes of one kind still on this phone: waiting, or refused and not dismissed. */
export async function keptWrites(kind: OutboxKind): Promise<OutboxItem[]> {
  if (!owner) return [];
  try {
    const all = await (await db()).getAll('outbox');
    return all
      .filter((item) => item.owner === owner && item.kind === kind)
      .sort((a, b) => a.createdAt - b.createdAt);
  } catch {
    return [];
  }
}

/** How long a screen waits for the server before it says a write is kept to be sent later. */
const SEND_WAIT_MS = 5_000;

/**
 * Sent now (true), or kept on the phone to be sent when there is signal (false): with a
 * connection, waits up to 5 s for the outbox to send the write `id`.
 */
export async function sentSoon(id: string): Promise<boolean> {
  return isOnline() && (await delivered(id, SEND_WAIT_MS));
}

/** Is this write saved on the server? Waits up to `timeoutMs` for the outbox to send it. */
async function delivered(id: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = await (await db()).get('outbox', id);
    if (!item) return true;
    if (item.state === 'failed' || Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Why the server refused write `id`, or null (sent, waiting, or not this device's). */
export async function refusalOf(id: string): Promise<Refusal | null> {
  try {
    const item = await (await db()).get('outbox', id);
    return item?.state === 'failed' ? (item.refusal ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * A write the server refused while the screen waited for it (`sentSoon` was false): taken out of
 * the outbox and thrown as the server's problem, for the form to show by its fields, as if it had
 * been sent directly. A write still waiting: nothing happens.
 */
export async function throwIfRefused(id: string): Promise<void> {
  const refusal = await refusalOf(id);
  if (!refusal) return;
  await dismiss(id);
  const errors = (refusal.errors ?? []).map((e) => ({ ...e, code: e.code ?? 'invalid' }));
  throw new ApiError({ status: refusal.status, title: refusal.title, code: refusal.code, errors });
}

/** The person has read why a write was refused: remove it. */
export async function dismiss(id: string): Promise<void> {
  await (await db()).delete('outbox', id);
  changed();
}

export function outboxState(): OutboxState {
  return state;
}

export function useOutbox(): OutboxState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current;
}
