import { ApiError, OFFLINE } from '../../api/client';
import { enqueue, type NewWrite } from '../../data/outbox';

/**
 * Send a new record now; without a connection keep it on the phone for the outbox, which sends
 * it (with the same `localId`, so it lands once) when there is signal. The answer, or null
 * when it was kept.
 */
export async function sendOrKeep<T>(send: () => Promise<T>, write: NewWrite): Promise<T | null> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== OFFLINE) throw error;
    await enqueue(write);
    return null;
  }
}
