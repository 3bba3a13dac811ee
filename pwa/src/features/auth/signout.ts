/**
 * Signing out: end the session on the server, then wipe what this person left on the device
 * (data/wipe.ts). The server's answer carries `Clear-Site-Data: "cache", "storage"`; the app
 * does not rely on it.
 *
 * Without a connection the server cannot end the session (its cookie is HttpOnly): the app
 * says so instead of pretending, and nothing is wiped.
 */
import { ApiError, OFFLINE, api } from '../../api/client';
import { closeDb } from '../../data/db';
import { stopOutbox } from '../../data/outbox';
import { wipeDevice } from '../../data/wipe';
import { withStepUp } from './stepup';

export class SignOutOffline extends Error {}

export async function signOut(where: 'here' | 'everywhere', onAsk?: () => void): Promise<void> {
  // Notifications for this person stop on this device (features/reminders/push.ts).
  let unsubscribe: () => Promise<void> = () => Promise.resolve();
  try {
    const { forgetDeviceForSignOut } = await import('../reminders/push');
    unsubscribe = await forgetDeviceForSignOut();
  } catch (error) {
    if (error instanceof ApiError && error.status === OFFLINE) throw new SignOutOffline();
    // Anything else: the sign-out goes ahead; the server drops unused devices in time.
  }
  try {
    if (where === 'here') await api.post('/api/signout');
    // Ending every session asks first for one of the person's passkeys (features/auth/stepup.ts).
    else await withStepUp(() => api.post('/api/signout-everywhere'), onAsk);
  } catch (error) {
    if (error instanceof ApiError && error.status === OFFLINE) throw new SignOutOffline();
    // "Everywhere" not confirmed (or refused): the other devices are still signed in, so this
    // one does not pretend otherwise and keeps everything.
    if (where === 'everywhere' && !(error instanceof ApiError && error.status === 401)) throw error;
    // 401: the session had ended already. Either way, this device forgets the person now.
  }
  await unsubscribe();
  await stopOutbox(); // what is still waiting was given up by the person (or there is none)
  closeDb();
  await wipeDevice();
}
