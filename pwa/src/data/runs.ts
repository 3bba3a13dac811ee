/**
 * The client's goes through a task, kept on the device: which steps they marked done, the
 * pictures they opened and the help they asked for. The player resumes from it after a reload
 * or offline, and the end screen counts from it when the server cannot be asked.
 */
import { db, type Run } from './db';

export type { Run };

/** Today's date on this phone, YYYY-MM-DD (a go started yesterday is not resumed). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function newRun(taskId: string): Run {
  return {
    taskId,
    runId: crypto.randomUUID(),
    startedAt: Date.now(),
    day: today(),
    position: 0,
    done: {},
    pictures: [],
    help: [],
    finishedAt: null,
  };
}

export async function loadRun(taskId: string): Promise<Run | undefined> {
  try {
    return await (await db()).get('runs', taskId);
  } catch {
    return undefined;
  }
}

export async function saveRun(run: Run): Promise<void> {
  try {
    await (await db()).put('runs', run);
  } catch {
    // Without storage the go is kept on screen only.
  }
}
