/**
 * The client's day, in one request (`GET /api/me/day`): who they are, the next shifts, the
 * tasks with their steps and progress, the goals, the news waiting and the open requests for
 * help — what the home and the player need at start.
 *
 * Each part is kept on the device where the screens read it offline (store.ts): the next shifts
 * under UPCOMING_KEY, the task list under TASKS_KEY, each player and progress under its task's
 * key, the goals under GOALS_KEY, and the day itself under DAY_KEY. The server sends the day with
 * an ETag and `Cache-Control: no-cache`: the browser asks again with `If-None-Match` and an
 * unchanged day comes back as 304, without a body.
 *
 * One answer serves a start: the app asks for the day as it opens (main.tsx) and every screen
 * that opens in the next moments takes it from there; a screen opened later asks again (the
 * coach may have changed something, or a write of the client's own was sent meanwhile).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, OFFLINE, type Me, type Schemas } from '../api/client';
import { t } from '../i18n';
import { describe } from '../lib/errors';
import { isOnline } from './connection';
import { load, saveAll } from './db';
import { rememberMe } from './me';
import { likelyPhotoUrl, mediaOf, warmMedia } from './media';
import { waitingWrites } from './outbox';
import { overlayWaitingRatings, GOALS_KEY } from './goals';
import { UPCOMING_KEY } from './shifts';
import { INTERVIEWS_KEY } from './interviews';
import { WORK_KEY } from './work';
import type { Stored } from './store';
import { playerKey, progressKey, TASKS_KEY } from './tasks';

export type Day = Schemas['Day'];
export type DayTask = Schemas['DayTask'];

export const DAY_KEY = 'day';
/** An answer this young is the one a screen opening now takes, without asking again. */
const FRESH_MS = 5_000;
/** The player follows steps: the day of the last minutes will do (the home asks again). */
export const PLAYER_MS = 10 * 60_000;

let latest: { at: number; day: Promise<Day> } | null = null;
const listeners = new Set<(day: Day) => void>();

/**
 * Keep each part where the screens read it (also offline), and the day itself, in one
 * transaction: a sign-out deleting the database meanwhile waits for it, once.
 */
async function keep(day: Day): Promise<void> {
  await rememberMe(day.me); // first: another person's copies on the device go before these come
  await saveAll([
    [UPCOMING_KEY, day.shifts],
    [TASKS_KEY, day.tasks.map((task) => task.summary)],
    ...day.tasks.flatMap((task): [string, unknown][] => [
      [playerKey(task.summary.id), task.player],
      [progressKey(task.summary.id), task.progress],
    ]),
    [GOALS_KEY, day.goals],
    [WORK_KEY, day.jobs ?? []],
    [INTERVIEWS_KEY, day.interviews ?? []],
    [DAY_KEY, day],
  ]);
}

/**
 * The day: the answer of the last moments, or a new one from the server (kept on the device and
 * handed to every screen showing it). `maxAgeMs` 0 always asks.
 */
export function loadDay(maxAgeMs = FRESH_MS): Promise<Day> {
  if (latest && Date.now() - latest.at <= maxAgeMs) return latest.day;
  const asked = {
    at: Date.now(),
    day: (async () => {
      const ratingsBefore = waitingWrites('rating').catch(() => []);
      const day = await api.get('/api/me/day');
      // The ratings this phone has not sent yet stay on screen over the server's goals.
      day.goals = await overlayWaitingRatings(day.goals, await ratingsBefore);
      void keep(day); // the screens show the answer now; the copy for offline follows
      return day;
    })(),
  };
  latest = asked;
  asked.day.then(
    (day) => {
      for (const listener of listeners) listener(day);
    },
    () => {
      if (latest === asked) latest = null; // a failed answer is no answer: ask again next time
    },
  );
  return asked.day;
}

/** Forget the answer of this start (signed out, or someone else signed in). */
export function forgetDay(): void {
  latest = null;
}

/**
 * A part of the day for a screen: the copy on the device at once, then the day's answer (asked
 * for unless one came in the last `maxAgeMs`), and every later answer while the screen is open.
 * Without a connection the saved copy stays, as `useStored` does.
 */
export function useDay<T>(key: string, pick: (day: Day) => T | undefined, maxAgeMs = FRESH_MS): Stored<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [trouble, setTrouble] = useState<Stored<T>['trouble']>(null);
  const [loading, setLoading] = useState(true);

  function ask(maxAgeMs: number): Promise<void> {
    setLoading(true);
    return loadDay(maxAgeMs)
      .then(() => setTrouble(null))
      .catch(async (error: unknown) => {
        const unreachable = error instanceof ApiError && (error.status === OFFLINE || error.status >= 500);
        if (!unreachable) setTrouble(describe(error));
        else if (!(await load(key))) setTrouble({ title: t('offline.notSaved'), fields: {} });
      })
      .finally(() => setLoading(false));
  }

  useEffect(() => {
    let live = true;
    let fresh = false;
    const show = (day: Day) => {
      if (!live) return;
      fresh = true;
      const part = pick(day);
      setData(part);
      setSavedAt(null);
      // Not in the day (a task removed meanwhile): as the server says of what is not there.
      if (part === undefined) setTrouble(describe(new ApiError({ title: 'Not found', status: 404, code: 'not_found' })));
    };
    listeners.add(show);
    void load<T>(key).then((saved) => {
      if (live && saved && !fresh) {
        setData(saved.value);
        setSavedAt(saved.savedAt);
      }
    });
    void ask(maxAgeMs);
    // The answer asked for (or the one of the last moments, which no listener hears again).
    if (latest) void latest.day.then(show, () => undefined);
    return () => {
      live = false;
      listeners.delete(show);
    };
  }, [key]);

  return { data, savedAt, trouble, loading: loading && data === undefined, reload: () => ask(0) };
}

const EVERY_MS = 60_000;
let warming: Promise<void> | null = null;

/**
 * The day on the device with the photos and voice prompts of every task and goal, so that they
 * open without a connection. Takes the day of this start (or of the last minute) unless
 * `force`; quietly does nothing offline.
 */
export function prefetchClientData(me: Me, force = false): Promise<void> {
  if (me.role !== 'client' || !isOnline()) return Promise.resolve();
  if (warming) return warming;
  warming = (async () => {
    try {
      const day = await loadDay(force ? 0 : EVERY_MS);
      await warmMedia(day.goals.flatMap((goal) => (goal.photo ? [likelyPhotoUrl(goal.photo)] : [])));
      for (const task of day.tasks) await warmMedia(mediaOf(task.player.steps));
    } catch {
      // Offline halfway: what was saved stays; the next start or `online` event continues.
    } finally {
      warming = null;
    }
  })();
  return warming;
}
