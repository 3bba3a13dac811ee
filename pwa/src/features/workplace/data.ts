/**
 * A job's analysis on the phone, at the workplace where the signal comes and goes: read through
 * the device (a saved copy shows at once and offline), written through the outbox (each change
 * saved on the phone first, shown at once as waiting, sent when there is signal, landing once by
 * its `localId`: `backend/workplace`). Photos too: a photo taken without signal waits on the
 * phone (made smaller first: `lib/shrinkPhoto.ts`), shows at once from the phone's copy, and is
 * sent as multipart under its own `Idempotency-Key` — once, however often the outbox tries.
 */
import { api, uploadFile, type Schemas } from '../../api/client';
import { load, save, type OutboxItem } from '../../data/db';
import { enqueue, keptWrites, sentSoon, throwIfRefused, waitingWrites } from '../../data/outbox';
import { useStored, type Stored } from '../../data/store';
import { shrinkPhoto } from '../../lib/shrinkPhoto';

export type Analysis = Schemas['JobAnalysis'];
export type AnalysisTask = Schemas['AnalysisTask'];
export type Support = Schemas['NaturalSupport'];
export type Template = Schemas['AnalysisTemplate'];
export type TemplateText = Schemas['AnalysisTemplateText'];
export type FieldKey = keyof Analysis['texts'];
export type AnalysisChange = Omit<Schemas['AnalysisWrite'], 'localId'>;
export type TaskNew = Omit<Schemas['AnalysisTaskCreate'], 'localId'>;
export type SupportNew = Omit<Schemas['SupportCreate'], 'localId'>;
export type NoiseLevel = NonNullable<Analysis['demands']['noiseLevel']>;
export type PeopleLevel = NonNullable<Analysis['demands']['peopleLevel']>;
export type TaskKind = AnalysisTask['kind'];

export const WORKPLACE_FIELDS: FieldKey[] = [
  'address',
  'getting_there',
  'entrances',
  'breaks',
  'dress',
  'noise',
  'lighting',
];
export const NOISE: NoiseLevel[] = ['quiet', 'moderate', 'loud'];
export const PEOPLE: PeopleLevel[] = ['alone', 'few', 'many'];
export const KINDS: TaskKind[] = ['core', 'occasional', 'related'];

const key = (jobId: string) => `analysis:${jobId}`;
const KINDS_WAITING = ['analysis', 'analysisTask', 'naturalSupport', 'analysisPhoto'] as const;

/** This job's changes still waiting on this phone. */
export async function waitingFor(jobId: string): Promise<OutboxItem[]> {
  const all = await Promise.all(KINDS_WAITING.map((kind) => waitingWrites(kind)));
  return all.flat().filter((item) => 'jobId' in item && item.jobId === jobId);
}

async function fetchAnalysis(jobId: string): Promise<Analysis> {
  const fresh = await api.get('/api/jobs/{job_id}/analysis', { path: { job_id: jobId } });
  let shown = fresh;
  for (const item of await waitingFor(jobId)) {
    if (item.kind === 'analysis') shown = applyChange(shown, item.body);
    if (item.kind === 'analysisTask') shown = applyTask(shown, item.body);
    if (item.kind === 'naturalSupport') shown = applySupport(shown, item.body);
  }
  return shown;
}

function applyChange(analysis: Analysis, change: AnalysisChange): Analysis {
  const demands = { ...analysis.demands };
  const sent = change.demands ?? {};
  if (sent.noiseLevel !== undefined) demands.noiseLevel = sent.noiseLevel;
  if (sent.peopleLevel !== undefined) demands.peopleLevel = sent.peopleLevel;
  if (sent.hoursPerWeek !== undefined) demands.hoursPerWeek = sent.hoursPerWeek;
  if (sent.travelMinutes !== undefined) demands.travelMinutes = sent.travelMinutes;
  return {
    ...analysis,
    started: true,
    texts: { ...analysis.texts, ...(change.texts ?? {}) },
    demands,
    glossary: change.glossary ? change.glossary.map((g) => ({ term: g.term, meaning: g.meaning ?? '' })) : analysis.glossary,
    adjustments: change.adjustments ?? analysis.adjustments,
    notes: change.notes ?? analysis.notes,
  };
}

/** A waiting task shows as the phone has it; its id is the `localId` until the server answers. */
function applyTask(analysis: Analysis, body: Schemas['AnalysisTaskCreate']): Analysis {
  if (analysis.tasks.some((task) => task.id === body.localId)) return analysis;
  const task: AnalysisTask = {
    id: body.localId,
    title: body.title,
    kind: body.kind ?? 'core',
    howOften: body.howOften ?? '',
    standard: body.standard ?? '',
    taskId: body.linkTaskId ?? null,
    taskTitle: null,
    takenFrom: body.takenFrom ?? '',
    agreedWith: body.agreedWith ?? '',
    agreedOn: body.agreedOn ?? null,
  };
  return { ...analysis, started: true, tasks: [...analysis.tasks, task] };
}

function applySupport(analysis: Analysis, body: Schemas['SupportCreate']): Analysis {
  if (analysis.supports.some((support) => support.id === body.localId)) return analysis;
  const support: Support = {
    id: body.localId,
    personId: body.personId ?? null,
    name: body.name ?? '',
    role: body.role ?? '',
    helpsWith: body.helpsWith,
    clientAgreedOn: body.clientAgreedOn ?? null,
    personAgreedOn: body.personAgreedOn ?? null,
    reviewOn: body.reviewOn ?? null,
    reviewDue: false,
  };
  return { ...analysis, started: true, supports: [...analysis.supports, support] };
}

export function useAnalysis(jobId: string): Stored<Analysis> {
  return useStored(key(jobId), () => fetchAnalysis(jobId), [jobId]);
}

export function useTemplate(version: number | undefined): Stored<Template> {
  return useStored(
    `analysis-template:${version ?? 0}`,
    () => api.get('/api/analysis-templates/{version}', { path: { version: version ?? 1 } }),
    [version],
  );
}

async function keepShown(jobId: string, change: (analysis: Analysis) => Analysis): Promise<Analysis | null> {
  const saved = await load<Analysis>(key(jobId));
  if (!saved) return null;
  const shown = change(saved.value);
  await save(key(jobId), shown);
  return shown;
}

export interface Written {
  state: 'sent' | 'waiting';
  shown: Analysis | null;
}

/** Save a change to the analysis on the phone, shown at once, and send it. */
export async function writeAnalysis(jobId: string, change: AnalysisChange): Promise<Written> {
  const localId = crypto.randomUUID();
  await enqueue({ kind: 'analysis', path: `/api/jobs/${jobId}/analysis`, jobId, body: { localId, ...change } });
  const shown = await keepShown(jobId, (a) => applyChange(a, change));
  return { state: (await sentSoon(localId)) ? 'sent' : 'waiting', shown };
}

export async function addTask(jobId: string, task: TaskNew): Promise<Written> {
  const body = { localId: crypto.randomUUID(), ...task };
  await enqueue({ kind: 'analysisTask', path: `/api/jobs/${jobId}/analysis/tasks`, jobId, body });
  const shown = await keepShown(jobId, (a) => applyTask(a, body));
  return { state: (await sentSoon(body.localId)) ? 'sent' : 'waiting', shown };
}

export async function addSupport(jobId: string, support: SupportNew): Promise<Written> {
  const body = { localId: crypto.randomUUID(), ...support };
  await enqueue({ kind: 'naturalSupport', path: `/api/jobs/${jobId}/analysis/supports`, jobId, body });
  const shown = await keepShown(jobId, (a) => applySupport(a, body));
  return { state: (await sentSoon(body.localId)) ? 'sent' : 'waiting', shown };
}

/** Mark a support reviewed today (needs a connection: it answers at once), with its next review
 * day or none; the analysis as the server now has it, kept on the phone. */
export async function markReviewed(jobId: string, supportId: string, nextReviewOn: string | null): Promise<Analysis> {
  await api.post('/api/natural-supports/{support_id}/reviewed', {
    path: { support_id: supportId },
    body: { nextReviewOn },
  });
  const shown = await fetchAnalysis(jobId);
  await save(key(jobId), shown);
  return shown;
}

/** A photo of the workplace kept on this phone: waiting to be sent, or refused with a reason. */
export type PhotoOnPhone = Extract<OutboxItem, { kind: 'analysisPhoto' }>;

/** This job's photos still on the phone, oldest first (the refused ones stay until dismissed). */
export async function photosOnPhone(jobId: string): Promise<PhotoOnPhone[]> {
  const kept = await keptWrites('analysisPhoto');
  return kept.filter((item): item is PhotoOnPhone => item.kind === 'analysisPhoto' && item.jobId === jobId);
}

/**
 * A photo of the workplace: kept on the phone and sent through the outbox, like the analysis'
 * texts. `shown` is the server's analysis only when the photo went straight to the server
 * because the phone could not keep it (storage full or switched off). Refused while the coach
 * waited: thrown (`ApiError`); refused later: kept, with the reason, until dismissed.
 */
export async function addPhoto(jobId: string, file: File, caption: string): Promise<Written & { id: string }> {
  const blob = await shrinkPhoto(file);
  const body = { localId: crypto.randomUUID(), caption: caption.trim() };
  const query = body.caption ? `?caption=${encodeURIComponent(body.caption)}` : '';
  const path = `/api/jobs/${jobId}/analysis/photos${query}`;
  const name = blob === file && file.name ? file.name : 'photo.jpg';
  try {
    await enqueue({ kind: 'analysisPhoto', path, jobId, body, upload: { field: 'file', blob, name } });
  } catch {
    const shown = await uploadFile<Analysis>(path, blob, name, 'POST');
    return { state: 'sent', shown, id: body.localId };
  }
  if (await sentSoon(body.localId)) return { state: 'sent', shown: null, id: body.localId };
  await throwIfRefused(body.localId); // refused while the coach waited: said by the field
  return { state: 'waiting', shown: null, id: body.localId };
}
