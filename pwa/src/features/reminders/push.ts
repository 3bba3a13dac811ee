/**
 * Notifications on this device (Push API + Notifications API): the state in words, turning them
 * on only when the person asks (the permission prompt comes after the explanation, never on
 * load), the subscription sent to the server, and sent again on each start so the server's
 * `seenAt` stays fresh (docs/reminders.md: subscriptions unconfirmed for 60 days are dropped).
 */
import { ApiError, OFFLINE, api } from '../../api/client';
import { PUSH_KINDS, savePushTexts } from '../../data/push-texts';
import { currentLocale, isRtl, t } from '../../i18n';

export type DeviceState = 'unsupported' | 'blocked' | 'off' | 'on';

/** Why turning on did not work, for words on the screen. */
export class PushProblem extends Error {
  constructor(readonly reason: 'blocked' | 'dismissed' | 'service' | 'unsupported') {
    super(reason);
  }
}

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The service worker's registration, or null when there is none (yet) on this page. */
async function registration(wait = 10_000): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const ready = navigator.serviceWorker.ready;
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), wait));
  return Promise.race([ready, late]);
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!supported()) return null;
  // Only a worker already registered: this device has no subscription without one.
  const reg = await navigator.serviceWorker.getRegistration();
  return reg ? reg.pushManager.getSubscription() : null;
}

export async function deviceState(): Promise<DeviceState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  if (Notification.permission !== 'granted') return 'off';
  return (await currentSubscription()) ? 'on' : 'off';
}

/** "Chrome on Android": a name for the device in the person's list, from the user agent. */
export function deviceLabel(agent: string = navigator.userAgent): string {
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(agent)
    ? 'Android'
    : /iPhone/.test(agent)
      ? 'iPhone'
      : /iPad/.test(agent)
        ? 'iPad'
        : /Windows/.test(agent)
          ? 'Windows'
          : /Mac OS X/.test(agent)
            ? 'Mac'
            : /Linux/.test(agent)
              ? 'Linux'
              : '';
  return system ? `${browser} · ${system}` : browser;
}

function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const bytes = new Uint8Array(a);
  return bytes.every((value, i) => value === b[i]);
}

/** Tell the server about this device's subscription (new, or confirmed again). */
export async function sendSubscription(subscription: PushSubscription): Promise<void> {
  const json = subscription.toJSON();
  const keys = json.keys ?? {};
  await api.post('/api/me/push-subscriptions', {
    body: {
      endpoint: subscription.endpoint,
      keys: { p256dh: keys.p256dh ?? '', auth: keys.auth ?? '' },
      expirationTime: json.expirationTime ?? null,
      deviceLabel: deviceLabel(),
    },
  });
}

/** The person pressed "Turn on notifications": ask the browser, subscribe, tell the server. */
export async function turnOn(): Promise<void> {
  if (!supported()) throw new PushProblem('unsupported');
  const permission = await Notification.requestPermission();
  if (permission === 'denied') throw new PushProblem('blocked');
  if (permission !== 'granted') throw new PushProblem('dismissed');
  const reg = await registration();
  if (!reg) throw new PushProblem('unsupported');
  const { publicKey } = await api.get('/api/push/vapid-public-key');
  let subscription = await reg.pushManager.getSubscription();
  if (subscription) {
    // Made for another server key (a restored backup without var/secrets): start again.
    if (!sameKey(subscription.options.applicationServerKey, base64UrlToBytes(publicKey))) {
      await subscription.unsubscribe();
      subscription = null;
    }
  }
  if (!subscription) {
    try {
      subscription = await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: base64UrlToBytes(publicKey),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        throw new PushProblem('blocked');
      }
      // AbortError: the browser could not reach its push service (no network, or none at all).
      throw new PushProblem('service');
    }
  }
  await sendSubscription(subscription);
}

/** "Turn off on this device": the browser forgets the subscription, and so does the server. */
export async function turnOff(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  const endpoint = subscription.endpoint;
  await subscription.unsubscribe();
  try {
    await api.delete('/api/me/push-subscriptions', { body: { endpoint } });
  } catch (error) {
    // Already gone on the server (removed after a failed delivery): nothing left to do.
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}

/**
 * Signing out: this device stops getting the person's notifications. The server forgets the
 * device first (while the session still allows it); the browser's subscription goes after the
 * session has ended. Throws when the server cannot be reached, like the sign-out itself.
 */
export async function forgetDeviceForSignOut(): Promise<() => Promise<void>> {
  const subscription = await currentSubscription().catch(() => null);
  if (!subscription) return () => Promise.resolve();
  try {
    await api.delete('/api/me/push-subscriptions', { body: { endpoint: subscription.endpoint } });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === OFFLINE) throw error;
    // 404 (already gone) or 401 (the session ended): nothing to forget on the server.
  }
  return async () => {
    await subscription.unsubscribe().catch(() => false);
  };
}

/** Save the worker's texts in the person's language (data/push-texts.ts). */
export function rememberPushTexts(): Promise<void> {
  const titles = Object.fromEntries(PUSH_KINDS.map((kind) => [kind, t(`push.kind.${kind}`)]));
  return savePushTexts({
    locale: currentLocale(),
    dir: isRtl() ? 'rtl' : 'ltr',
    titles: titles as Record<(typeof PUSH_KINDS)[number], string>,
    body: t('push.body'),
    helpStep: t('push.helpStep', { task: '{task}', number: '{number}' }),
  });
}

/** On every start while signed in: the subscription confirmed. */
export async function confirmSubscription(): Promise<void> {
  if (!supported() || Notification.permission !== 'granted') return;
  try {
    const subscription = await currentSubscription();
    if (subscription) await sendSubscription(subscription);
  } catch {
    // Offline or the server is away: the next start confirms it.
  }
}
