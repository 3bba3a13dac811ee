/**
 * A client's fading plan for one job, read through the device and saved through the outbox, like
 * the job analysis it sits beside: a plan changed at the workplace without signal is kept on the
 * phone, shown at once as waiting, and lands once when there is signal (its `localId`, and the
 * outbox's `Idempotency-Key`: `backend/fading/services.py`).
 */
import { api } from '../../api/client';
import { save, type OutboxItem } from '../../data/db';
import { enqueue, sentSoon, throwIfRefused, waitingWrites } from '../../data/outbox';
import { fetchAndKeep, useStored, type Stored } from '../../data/store';
import type { Schemas } from '../../api/client';
import type { FadingPlan } from './words';

export type PlanWrite = Schemas['FadingPlanWrite'];
export type PlanOnPhone = Extract<OutboxItem, { kind: 'fadingPlan' }>;

const key = (clientId: string, jobId: string) => `fading:${clientId}:${jobId}`;

/** The newest version of this job's plan still waiting on this phone, if any. */
export async function waitingPlan(jobId: string): Promise<PlanOnPhone | undefined> {
  const items = await waitingWrites('fadingPlan');
  return items.filter((item): item is PlanOnPhone => item.kind === 'fadingPlan' && item.jobId === jobId).at(-1);
}

/** The plan with a version the phone has not sent yet: its steps as the coach saved them. */
function withSteps(plan: FadingPlan, write: PlanWrite): FadingPlan {
  return {
    ...plan,
    zone: write.zone,
    steps: write.steps.map((s) => ({
      fromDate: s.fromDate,
      coachHoursPerWeek: s.coachHoursPerWeek ?? null,
      shareOfShiftPercent: s.shareOfShiftPercent ?? null,
    })),
  };
}

async function fetchPlan(clientId: string, jobId: string): Promise<FadingPlan> {
  const fresh = await api.get('/api/clients/{client_id}/jobs/{job_id}/fading', {
    path: { client_id: clientId, job_id: jobId },
  });
  const waiting = await waitingPlan(jobId);
  return waiting ? withSteps(fresh, waiting.body) : fresh;
}

export function usePlan(clientId: string, jobId: string): Stored<FadingPlan> {
  return useStored(key(clientId, jobId), () => fetchPlan(clientId, jobId), [clientId, jobId]);
}

export interface PlanSaved {
  state: 'sent' | 'waiting';
  plan: FadingPlan;
}

/**
 * Save the plan's next version on the phone and send it. Sent: the server's plan (its new
 * version and weeks). Not sent yet: the plan as the phone has it. Refused (a step the server
 * does not take): thrown as the server's problem, for the form to show by its fields.
 */
export async function savePlan(plan: FadingPlan, body: PlanWrite): Promise<PlanSaved> {
  const { clientId, jobId } = plan;
  await enqueue({
    kind: 'fadingPlan',
    path: `/api/clients/${clientId}/jobs/${jobId}/fading`,
    clientId,
    jobId,
    body,
  });
  if (await sentSoon(body.localId)) {
    return { state: 'sent', plan: await fetchAndKeep(key(clientId, jobId), () => fetchPlan(clientId, jobId)) };
  }
  await throwIfRefused(body.localId);
  const shown = withSteps(plan, body);
  await save(key(clientId, jobId), shown);
  return { state: 'waiting', plan: shown };
}
