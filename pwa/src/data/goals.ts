/**
 * The client's goals on the device (the PTA goal tool): the list is saved in IndexedDB like the
 * tasks (store.ts), so "My goals" and each goal open without a connection; a check-in goes
 * through the outbox with its localId, so it is sent exactly once when there is signal; so does
 * the client's own rating at the end of the period (a PUT: a repeat sets the same value).
 */
import { api, type Me, type Schemas } from '../api/client';
import { load, save } from './db';
import { enqueue, sentSoon, waitingWrites } from './outbox';
import type { OutboxItem } from './db';

export type Goal = Schemas['Goal'];
export type CheckIn = Schemas['CheckIn'];
export type Evaluation = Schemas['Evaluation'];

export const GOALS_KEY = 'goals';

/**
 * The client's goals as the server has them, with the ratings this phone has not sent yet laid
 * over them: a copy fetched while a rating waits (or is being sent) still shows the rating.
 */
export async function fetchMyGoals(me: Me): Promise<Goal[]> {
  const before = await waitingWrites('rating');
  const goals = await api.get('/api/clients/{client_id}/goals', { path: { client_id: me.id } });
  return overlayWaitingRatings(goals, before);
}

/**
 * Goals from the server with the ratings this phone has not sent yet laid over them; `before`:
 * the ratings that were waiting when the request went out (one sent meanwhile is in `goals`).
 */
export async function overlayWaitingRatings(goals: Goal[], before: OutboxItem[] = []): Promise<Goal[]> {
  const after = await waitingWrites('rating');
  const seen = new Set(after.map((item) => item.id));
  const waiting = [...before.filter((item) => !seen.has(item.id)), ...after];
  return waiting.length ? withRatings(goals, waiting) : goals;
}

function withRatings(goals: Goal[], waiting: OutboxItem[]): Goal[] {
  const latest = new Map<string, Evaluation>();
  for (const item of waiting) {
    if (item.kind !== 'rating') continue;
    latest.set(item.goalId, {
      rating: item.body.rating,
      comment: item.body.comment ?? '',
      at: new Date(item.createdAt).toISOString(),
    });
  }
  return goals.map((goal) => {
    const clientEvaluation = latest.get(goal.id);
    return clientEvaluation ? { ...goal, clientEvaluation } : goal;
  });
}

/** The check-in scale, −2 … +2 (shared_schemas/goals.py `Scale`). */
export const MOODS = [2, 1, 0, -1, -2] as const;
export type Mood = (typeof MOODS)[number];

/** The Goal Attainment Scale, from "much more than expected" down. */
export const GAS_LEVELS = [2, 1, 0, -1, -2] as const;

/**
 * Save a check-in on the device and send it when there is signal (idempotent by localId): one
 * of the goal's levels, or a face for a goal set before levels were written.
 */
export function checkIn(goalId: string, choice: { level: Mood } | { mood: Mood }, note = ''): Promise<unknown> {
  return enqueue({
    kind: 'checkIn',
    path: `/api/goals/${goalId}/check-ins`,
    goalId,
    body: { localId: crypto.randomUUID(), ...choice, at: new Date().toISOString(), note: note.trim() },
  });
}

/**
 * The client rates how well a goal went (GAS −2 … +2). Saved on the device first and shown at
 * once, also in the saved goal list, then sent through the outbox: one queue, in order, so a
 * later change of mind is never overtaken by an earlier rating still waiting.
 */
export async function rateMyGoal(
  goalId: string,
  rating: number,
  comment: string,
): Promise<{ state: 'sent' | 'waiting' }> {
  const id = crypto.randomUUID();
  await enqueue({
    kind: 'rating',
    id,
    path: `/api/goals/${goalId}/evaluation`,
    goalId,
    body: { rating, comment },
  });
  const saved = await load<Goal[]>(GOALS_KEY);
  if (saved) await save(GOALS_KEY, withRatings(saved.value, await waitingWrites('rating')));
  return { state: (await sentSoon(id)) ? 'sent' : 'waiting' };
}

/** Goals still running first (active, then drafts), then the ended ones; dropped ones last. */
export function byStatus(goals: Goal[]): Goal[] {
  const order: Record<Goal['status'], number> = { active: 0, draft: 1, ended: 2, cancelled: 3 };
  return [...goals].sort((a, b) => order[a.status] - order[b.status]);
}
