/**
 * The client's tasks on the device: the list, each task's player and the client's progress,
 * read through IndexedDB (store.ts). The day (day.ts) brings them all in one answer and keeps
 * them here, with the photos, so that today's and the next days' tasks open without a
 * connection; the requests below are for a screen that asks again later.
 */
import { api, type Me, type Schemas } from '../api/client';

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
