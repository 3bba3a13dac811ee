/**
 * What the coach's task screens share: the wire types, the task's back link, and upload
 * refusals in plain words (the server's RFC 9457 problem names the field `file` and a `code`).
 */
import { ApiError, OFFLINE, api, uploadFile, type Schemas } from '../../../api/client';
import { t, type Key } from '../../../i18n';

export type TaskDetail = Schemas['TaskDetail'];
export type Step = Schemas['Step'];
export type Progress = Schemas['Progress'];
export type PromptLevel = Schemas['StepRecordSet']['level'];

/** From no help to the most help. */
export const LEVELS: PromptLevel[] = ['independent', 'verbal', 'gestural', 'model', 'physical'];

export function levelName(level: PromptLevel): string {
  return t(`training.level.${level}` as Key);
}

export function fetchTask(taskId: string): Promise<TaskDetail> {
  return api.get('/api/tasks/{task_id}', { path: { task_id: taskId } });
}

/** Where "Back" goes from a task's screens (preview, training, progress): the builder. */
export function taskHome(taskId: string): { href: string; label: string } {
  return { href: `/tasks/${taskId}/edit`, label: t('builder.backToTask') };
}

/** Words someone wrote (in any language) inside a sentence of ours: a bidi isolate keeps
 * "Step 1: Take the bowls" in order inside Hebrew text (Unicode UAX #9, FSI … PDI). */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

export function builderBack(task: TaskDetail | undefined): { href: string; label: string } {
  if (task?.clientId) return { href: `/clients/${task.clientId}`, label: t('builder.backToClient') };
  return { href: '/', label: t('nav.home') };
}

const UPLOAD_CODES: Record<string, Key> = {
  too_large: 'builder.upload.tooLarge',
  too_many_pixels: 'builder.upload.tooManyPixels',
  not_an_image: 'builder.upload.notAnImage',
  heic: 'builder.upload.heic',
  damaged: 'builder.upload.damaged',
  empty: 'builder.upload.damaged',
  incomplete: 'builder.upload.incomplete',
  not_audio: 'builder.voice.notAudio',
  too_long: 'builder.voice.tooLong',
};

/** A refused photo or recording, in words to show next to its field. */
export function uploadTrouble(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === OFFLINE) return t('builder.upload.offline');
    const key = error.code ? UPLOAD_CODES[error.code] : undefined;
    if (key) return t(key);
    if (error.status < 500) return error.fields.file ?? error.title;
  }
  return t('builder.upload.failed');
}

export function putPhoto(taskId: string, stepId: string, file: File): Promise<Step> {
  return uploadFile<Step>(`/api/tasks/${taskId}/steps/${stepId}/photo`, file, file.name || 'photo.jpg');
}

export function putVoice(taskId: string, stepId: string, recording: Blob): Promise<Step> {
  const name = recording.type.includes('mp4') ? 'prompt.m4a' : 'prompt.webm';
  return uploadFile<Step>(`/api/tasks/${taskId}/steps/${stepId}/voice`, recording, name);
}
