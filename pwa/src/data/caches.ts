/**
 * Cache Storage names, shared by the page (which warms them) and the service worker (which
 * answers from them). Everything here is the signed-in person's: sign-out deletes them all.
 * The precache (the app shell, Workbox's `workbox-precache-…`) holds nobody's data and stays.
 */
/** Step photos and voice prompts: content-hashed URLs, cache-first. */
export const MEDIA_CACHE = 'stepwise-media-v1';
/** The task GETs (list, player, my progress): network first, this copy when offline. */
export const API_CACHE = 'stepwise-api-v1';

/** Is this cache someone's data (not the app shell)? */
export function isPersonalCache(name: string): boolean {
  return !name.startsWith('workbox-precache');
}
/**
 * Photos of the family feed, for reading it without a connection. Only the page writes here
 * (data/feed.ts), and only the photos of the feed the server answered last: each sync deletes
 * every other entry, so a photo whose consent was withdrawn does not outlive the next sync.
 */
export const FEED_CACHE = 'stepwise-feed-v1';
