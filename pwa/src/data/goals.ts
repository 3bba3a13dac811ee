/**
 * The client's goals on the device (the PTA goal tool): the list is saved in IndexedDB like the
 * tasks (store.ts), so "My goals" and each goal open without a connection; a check-in goes
 * through the outbox with its clientId, so it is sent exactly once when there is signal.
 */
import { api, type Me, type Schemas } from '../api/client';
import { enqueue } from './outbox';

export type Goal = Schemas['Goal'];
export type CheckIn = Schemas['CheckIn'];
export type Evaluation = Schemas['Evaluation'];

export const GOALS_KEY = 'goals';

export function fetchMyGoals(me: Me): Promise<Goal[]> {
  return api.get('/api/clients/{client_id}/goals', { path: { client_id: me.id } });
}

/** The check-in scale, −2 … +2 (shared_schemas/goals.py `Scale`). */
export const MOODS = [2, 1, 0, -1, -2] as const;
export type Mood = (typeof MOODS)[number];

/** The Goal Attainment Scale, from "much more than expected" down. */
export const GAS_LEVELS = [2, 1, 0, -1, -2] as const;

/** Save a check-in on the device and send it when there is signal (idempotent by clientId). */
export function checkIn(goalId: string, mood: Mood): Promise<unknown> {
  const clientId = crypto.randomUUID();
  return enqueue({
    kind: 'checkIn',
    path: `/api/goals/${goalId}/check-ins`,
    taskId: goalId,
    body: { clientId, mood, at: new Date().toISOString(), note: '' },
  });
}

/** Goals still running first (active, then drafts), then the ended ones; dropped ones last. */
export function byStatus(goals: Goal[]): Goal[] {
  const order: Record<Goal['status'], number> = { active: 0, draft: 1, ended: 2, cancelled: 3 };
  return [...goals].sort((a, b) => order[a.status] - order[b.status]);
}
