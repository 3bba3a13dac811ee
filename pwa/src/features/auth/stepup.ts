/**
 * The step-up before a change to how this account signs in (adding or removing a passkey,
 * signing out everywhere): the server answers 403 `reverify_needed` unless this session
 * confirmed, in the last five minutes, with one of the account's own passkeys and the
 * person's fingerprint, face or PIN (user verification). Then the app asks for that passkey
 * and tries again once. A borrowed session without the person's passkey gets no further.
 */
import { ApiError, api } from '../../api/client';
import { getPasskey } from './webauthn';

export function needsReverify(error: unknown): boolean {
  return error instanceof ApiError && error.problem.code === 'reverify_needed';
}

/** Ask for one of this account's passkeys (only those are offered) and tell the server. */
export async function reverify(): Promise<void> {
  const options = await api.post('/api/me/reverify/options');
  const credential = await getPasskey(options.publicKey);
  await api.post('/api/me/reverify', {
    body: { challengeId: options.challengeId, credential },
  });
}

/** Run `action`; when the server asks for a step-up, say so (`onAsk`), do it, run it again. */
export async function withStepUp<T>(action: () => Promise<T>, onAsk?: () => void): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!needsReverify(error)) throw error;
  }
  onAsk?.();
  await reverify();
  return action();
}
