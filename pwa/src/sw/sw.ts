/// <reference lib="webworker" />
/**
 * The Stepwise service worker (built by vite-plugin-pwa with Workbox `injectManifest`).
 *
 * Small and boring on purpose: precache the app shell that the build lists in
 * `self.__WB_MANIFEST`, answer every navigation with the precached index.html (the app routes
 * on the client), and wait: a new version activates only when the page sends SKIP_WAITING
 * after the person pressed "Update now". API answers are never cached here yet.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    // The server's own pages and the API are never answered from the app shell.
    denylist: [/^\/api\//, /^\/health$/, /^\/schema/],
  }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (data && typeof data === 'object' && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});
