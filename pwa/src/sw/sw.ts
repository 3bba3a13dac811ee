/// <reference lib="webworker" />
/**
 * The Stepwise service worker (built by vite-plugin-pwa with Workbox `injectManifest`).
 *
 * Small and boring on purpose:
 * - precache the app shell that the build lists in `self.__WB_MANIFEST`, and answer every
 *   navigation with the precached index.html (the app routes on the client);
 * - runtime-cache the signed-in person's task data: step photos and voice prompts cache-first
 *   (content-hashed URLs never change), the task GETs network-first with the saved copy when
 *   there is no connection (marked `X-Stepwise-Saved-Copy`, so the page still says "Offline");
 * - send the outbox on a Background Sync event, even after the page was closed (outbox-core.ts);
 * - show a push message as a notification in the person's language (data/push-texts.ts), one
 *   per tag, and open the app where it points when tapped;
 * - wait: a new version activates only when the page sends SKIP_WAITING after the person
 *   pressed "Update now".
 * Sign-out deletes the runtime caches (data/wipe.ts); the precache holds nobody's data.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { API_CACHE, MEDIA_CACHE } from '../data/caches';
import { neverCreate } from '../data/db';
import { currentOwner, drain, OUTBOX_CHANNEL, SYNC_TAG } from '../data/outbox-core';
import { isPushKind, loadPushTexts } from '../data/push-texts';
import { routeFeedPhotos } from './feed';

declare const self: ServiceWorkerGlobalScope;

neverCreate();

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    // The server's own pages and the API are never answered from the app shell.
    denylist: [/^\/api\//, /^\/health$/, /^\/schema/],
  }),
);

// --- Photos and voice prompts -------------------------------------------------------------

const PHOTO = /^\/api\/photos\/([^/]+)\/[^/]+$/;
const VOICE = /^\/api\/tasks\/[^/]+\/steps\/[^/]+\/voice\/[^/]+$/;
/** A goal's photo (content-hashed names): kept like step photos, so My goals shows it offline. */
const GOAL_PHOTO = /^\/api\/goals\/[^/]+\/photo\/[^/]+$/;

const media = new CacheFirst({
  cacheName: MEDIA_CACHE,
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: 400, purgeOnQuotaError: true }),
  ],
});

/** Offline, a photo in another size than the one asked for is better than no photo. */
async function anySizeOf(photoId: string): Promise<Response | undefined> {
  const cache = await caches.open(MEDIA_CACHE);
  const prefix = `${self.location.origin}/api/photos/${photoId}/`;
  // File names start with the nominal size ("1600-…", "800-…", "320-…"): take the largest.
  const size = (request: Request) => parseInt(request.url.slice(prefix.length), 10) || 0;
  const sizes = (await cache.keys()).filter((request) => request.url.startsWith(prefix));
  const best = sizes.sort((a, b) => size(b) - size(a))[0];
  return best ? cache.match(best) : undefined;
}

registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === 'GET' && PHOTO.test(url.pathname),
  async (options) => {
    try {
      return await media.handle(options);
    } catch (error) {
      const photoId = PHOTO.exec(options.url.pathname)?.[1];
      const fallback = photoId ? await anySizeOf(photoId) : undefined;
      if (fallback) return fallback;
      throw error;
    }
  },
);

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.method === 'GET' &&
    (VOICE.test(url.pathname) || GOAL_PHOTO.test(url.pathname)),
  media,
);

// Photos of the family feed: network first, the last feed's copies only offline (feed.ts).
routeFeedPhotos(self.location.origin);

// --- Task data ----------------------------------------------------------------------------

const TASK_GETS = [
  /^\/api\/clients\/[^/]+\/tasks\/?$/,
  /^\/api\/tasks\/[^/]+\/player$/,
  /^\/api\/tasks\/[^/]+\/my-progress$/,
];

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.method === 'GET' &&
    TASK_GETS.some((pattern) => pattern.test(url.pathname)),
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: 6,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 14 * 24 * 3600, purgeOnQuotaError: true }),
      {
        // Say that this is the copy saved earlier, not the server's answer now.
        cachedResponseWillBeUsed: async ({ cachedResponse }) => {
          if (!cachedResponse) return cachedResponse;
          const headers = new Headers(cachedResponse.headers);
          headers.set('X-Stepwise-Saved-Copy', '1');
          return new Response(await cachedResponse.blob(), {
            status: cachedResponse.status,
            statusText: cachedResponse.statusText,
            headers,
          });
        },
      },
    ],
  }),
);

// --- The outbox -----------------------------------------------------------------------------

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

async function sendOutbox(): Promise<void> {
  const owner = await currentOwner();
  if (!owner) return;
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  try {
    const result = await drain(owner, () => channel.postMessage('changed'));
    // Failing the event asks the browser to fire it again later (with its own back-off).
    if (result === 'offline' || result === 'later') throw new Error(`outbox: ${result}`);
  } finally {
    channel.close();
  }
}

self.addEventListener('sync', (event: Event) => {
  const sync = event as SyncEvent;
  if (sync.tag === SYNC_TAG) sync.waitUntil(sendOutbox());
});

// --- Push messages ---------------------------------------------------------------------------

/** shared_schemas/reminders.py PushPayload: a kind, an id, where a tap goes, an English title. */
interface PushPayload {
  kind?: unknown;
  id?: unknown;
  url?: unknown;
  title?: unknown;
  tag?: unknown;
}

const FALLBACK_TITLE = 'You have a reminder in Stepwise';
const ICON = '/icons/icon-192.png';

/** Only a path in this app: a push message never sends the person somewhere else. */
function appPath(url: unknown): string {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

function parse(data: PushMessageData | null): PushPayload {
  try {
    const value: unknown = data?.json();
    return value && typeof value === 'object' ? (value) : {};
  } catch {
    return {};
  }
}

interface OpenHelp {
  taskTitle: string;
  stepPosition: number | null;
  at: string;
}

/**
 * "I need help" reaches the coach as a neutral push (no task or step in the payload, which
 * passes through the push service). The coach's own signed-in device then asks the server which
 * request is newest, so the notification names the task and step; with no answer in 3 s it
 * keeps the neutral line.
 */
async function helpLine(template: string | undefined): Promise<string | null> {
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 3000);
    const response = await fetch('/api/help-requests', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    });
    clearTimeout(timer);
    if (!response.ok) return null;
    const open = (await response.json()) as OpenHelp[];
    const newest = open.sort((a, b) => b.at.localeCompare(a.at))[0];
    if (!newest) return null;
    if (newest.stepPosition === null) return newest.taskTitle;
    return (template ?? '{task}, step {number}')
      .replace('{task}', newest.taskTitle)
      .replace('{number}', String(newest.stepPosition));
  } catch {
    return null;
  }
}

async function showPush(data: PushMessageData | null): Promise<void> {
  const payload = parse(data);
  const texts = await loadPushTexts().catch(() => null);
  const kind = isPushKind(payload.kind) ? payload.kind : null;
  // The person's language when the page saved it; else the server's English sentence.
  const english = typeof payload.title === 'string' && payload.title ? payload.title : FALLBACK_TITLE;
  const title = (kind && texts?.titles[kind]) || english;
  const tag = typeof payload.tag === 'string' && payload.tag ? payload.tag : undefined;
  const help = kind === 'help_request' ? await helpLine(texts?.helpStep) : null;
  await self.registration.showNotification(title, {
    body: help ?? texts?.body ?? '',
    tag,
    icon: ICON,
    badge: ICON,
    lang: texts?.locale ?? 'en',
    dir: texts?.dir ?? 'auto',
    data: { url: appPath(payload.url), kind },
  });
}

// Chromium requires every push to show a notification (userVisibleOnly): this always does.
self.addEventListener('push', (event: PushEvent) => {
  event.waitUntil(showPush(event.data));
});

async function openApp(url: string): Promise<void> {
  const target = new URL(url, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    // Move the open window first (navigate needs no user activation; focus may be refused).
    const moved = open.url === target ? open : ((await open.navigate(target).catch(() => null)) ?? open);
    await moved.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(target);
}

self.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  const data: unknown = event.notification.data;
  const url = appPath(data && typeof data === 'object' ? (data as { url?: unknown }).url : '/');
  event.waitUntil(openApp(url));
});

// --- Updates --------------------------------------------------------------------------------

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (data && typeof data === 'object' && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});
