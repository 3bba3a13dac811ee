/**
 * The family feed on the device, for reading it without a connection.
 *
 * Consent can be withdrawn at any moment and takes effect at once, so the copy on the device is
 * never more than the server's last answer: each sync replaces the saved feed (IndexedDB `kv`,
 * key `feed`) and makes the feed's photo cache (FEED_CACHE) hold exactly the photos of that
 * answer — a withdrawn or unshared update and its photo are gone from the device at the next
 * sync, and an offline reload after it cannot show them. The server sends the feed and the
 * photos with `no-store`, so the browser's HTTP cache keeps nothing either.
 */
import { api, type Schemas } from '../api/client';
import { FEED_CACHE } from './caches';
import { save } from './db';

export type Feed = Schemas['Feed'];
export type FeedItem = Schemas['FeedItem'];
type Photo = Schemas['Photo'];

export const FEED_KEY = 'feed';

/** The size shown in a feed card: the smallest at least 800 px wide, else the largest. */
export function feedPhotoUrl(photo: Photo): string {
  const files = [...photo.files].sort((a, b) => a.width - b.width);
  const file = files.find((f) => f.width >= 800) ?? files[files.length - 1];
  return file ? file.webp : photo.src;
}

function photoUrls(feed: Feed): string[] {
  return feed.items.flatMap((item) => (item.photo ? [feedPhotoUrl(item.photo)] : []));
}

/** Make the photo cache hold exactly these URLs: drop every other, fetch the missing ones. */
export async function keepOnlyPhotos(urls: string[]): Promise<void> {
  if (!('caches' in window)) return;
  const cache = await caches.open(FEED_CACHE);
  const wanted = new Set(urls.map((url) => new URL(url, location.origin).href));
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
  for (const url of wanted) {
    try {
      if (!(await cache.match(url))) await cache.add(url);
    } catch {
      // Offline, or refused since (consent withdrawn a moment ago): the next sync tries again.
    }
  }
}

/** Fetch the feed, save it in place of the last copy, and bring the photo cache in line. */
export async function syncFeed(): Promise<Feed> {
  // The newest 100: what the phone keeps to read without signal (one page of the feed).
  const feed = await api.get('/api/family/feed', { query: { limit: 100 } });
  await save(FEED_KEY, feed);
  await keepOnlyPhotos(photoUrls(feed));
  return feed;
}
