/**
 * Page side of the service worker: register it, and tell the page when a new version waits.
 * workbox-window is loaded after the first screen is up, so it costs the sign-in page nothing.
 * The new version takes over only when the person presses "Update now" (never by itself).
 */
type Listener = () => void;

const listeners = new Set<Listener>();
let updateWaiting = false;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const start = () => {
    void import('workbox-window').then(({ Workbox }) => {
      const workbox = new Workbox('/sw.js', { scope: '/' });
      // "waiting": a new service worker is installed and waits for the old one's pages.
      workbox.addEventListener('waiting', () => {
        updateWaiting = true;
        for (const listener of listeners) listener();
      });
      void workbox.register();
    });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

/** Calls `listener` once an update is ready (at once if it already is); returns an unsubscribe. */
export function onUpdateReady(listener: Listener): () => void {
  if (updateWaiting) listener();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * The person chose "Update now": activate the waiting worker, then reload into it. If no worker
 * waits any more (it became active meanwhile), the reload alone brings the new version.
 */
export function applyUpdate(): void {
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  container.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  void container.getRegistration().then((registration) => {
    const waiting = registration?.waiting;
    if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
    else window.location.reload();
  });
}
