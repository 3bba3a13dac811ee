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

// --- Updates --------------------------------------------------------------------------------

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (data && typeof data === 'object' && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});
