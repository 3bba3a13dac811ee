/**
 * The client's tasks on the device: the list, each task's player and the client's progress,
 * read through IndexedDB (store.ts) and fetched ahead of time (prefetch) so that today's and
 * the next days' tasks open without a connection, photos included.
 */
import { api, type Me, type Schemas } from '../api/client';
import { isOnline } from './connection';
import { fetchMyGoals, GOALS_KEY } from './goals';
import { likelyPhotoUrl, mediaOf, warmMedia } from './media';
import { fetchMyUpcoming, UPCOMING_KEY } from './shifts';
import { fetchAndKeep } from './store';

export type TaskSummary = Schemas['TaskSummary'];
export type Player = Schemas['Player'];
export type PlayerStep = Schemas['PlayerStep'];
export type MyProgress = Schemas['MyProgress'];

export const TASKS_KEY = 'tasks';
export const playerKey = (taskId: string) => `player:${taskId}`;
export const progressKey = (taskId: string) => `progress:${taskId}`;

export function fetchMyTasks(me: Me): Promise<TaskSummary[]> {
  return api.get('/api/clients/{client_id}/tasks', { path: { client_id: me.id } });
}

export function fetchPlayer(taskId: string): Promise<Player> {
  return api.get('/api/tasks/{task_id}/player', { path: { task_id: taskId } });
}

export function fetchMyProgress(taskId: string): Promise<MyProgress> {
  return api.get('/api/tasks/{task_id}/my-progress', { path: { task_id: taskId } });
}

const EVERY_MS = 60_000;
let last = 0;
let running: Promise<void> | null = null;

/**
 * Save the client's next shifts, goals, tasks, every player and its photos and voice prompts
 * on the device.
 * At most once a minute unless `force`; quietly does nothing offline.
 */
export function prefetchClientData(me: Me, force = false): Promise<void> {
  if (me.role !== 'client' || !isOnline()) return Promise.resolve();
  if (running) return running;
  if (!force && Date.now() - last < EVERY_MS) return Promise.resolve();
  last = Date.now();
  running = (async () => {
    try {
      // The next shifts first: small, and what the home shows first.
      await fetchAndKeep(UPCOMING_KEY, () => fetchMyUpcoming(me));
      // Goals first: one small request, and the client checks in on them without signal.
      const goals = await fetchAndKeep(GOALS_KEY, () => fetchMyGoals(me));
      await warmMedia(goals.flatMap((goal) => (goal.photo ? [likelyPhotoUrl(goal.photo)] : [])));
      const tasks = await fetchAndKeep(TASKS_KEY, () => fetchMyTasks(me));
      for (const task of tasks) {
        const player = await fetchAndKeep(playerKey(task.id), () => fetchPlayer(task.id));
        await fetchAndKeep(progressKey(task.id), () => fetchMyProgress(task.id));
        await warmMedia(mediaOf(player.steps));
      }
    } catch {
      // Offline halfway: what was saved stays; the next start or `online` event continues.
    } finally {
      running = null;
    }
  })();
  return running;
}
