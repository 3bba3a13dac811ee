/// <reference lib="webworker" />
/**
 * Photos of family updates (`/api/updates/<id>/photo/<file>`) in the service worker.
 *
 * Always the network first: the server checks live consent on every request, so a withdrawn
 * photo is refused at once. Only without a connection does the worker answer from FEED_CACHE,
 * which the page keeps equal to the photos of the last feed it received (data/feed.ts): the
 * worker never adds to it, so nothing withdrawn before the last sync can come back from it.
 */
import { registerRoute } from 'workbox-routing';
import { FEED_CACHE } from '../data/caches';

const UPDATE_PHOTO = /^\/api\/updates\/[^/]+\/photo\/[^/]+$/;

export function routeFeedPhotos(origin: string): void {
  registerRoute(
    ({ url, request }) => url.origin === origin && request.method === 'GET' && UPDATE_PHOTO.test(url.pathname),
    async ({ request }) => {
      try {
        return await fetch(request);
      } catch (error) {
        const saved = await (await caches.open(FEED_CACHE)).match(request);
        if (saved) return saved;
        throw error;
      }
    },
  );
}
