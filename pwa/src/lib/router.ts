/**
 * A very small client-side router on the History API: the app has a handful of screens, so a
 * list of patterns is clearer than a routing library.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void {
  shown = location.pathname + location.search;
  for (const listener of listeners) listener();
}

/** Screens holding work not saved yet, each with the question to ask before it is lost. */
const holds = new Set<{ dirty: () => boolean; question: string }>();
/** The path and query on screen, to go back to when the person stays after pressing Back. */
let shown = location.pathname + location.search;

/** True when nothing unsaved is on screen, or the person agrees to lose it. */
function mayLeave(): boolean {
  for (const hold of holds) if (hold.dirty()) return window.confirm(hold.question);
  return true;
}

window.addEventListener('popstate', () => {
  // Back cannot be cancelled: the screen's own entry goes back on top when the person stays.
  if (location.pathname + location.search !== shown && !mayLeave()) history.pushState(null, '', shown);
  else notify();
});

// Reloading or closing the page asks the browser's own question.
window.addEventListener('beforeunload', (event) => {
  for (const hold of holds) if (hold.dirty()) event.preventDefault();
});

/**
 * Ask before leaving while `dirty()` says work on this screen is not saved: on the app's links,
 * Back, reload and closing the tab. `dirty` is read at the moment of leaving.
 */
export function useUnsavedChanges(dirty: () => boolean, question: string): void {
  const hold = useRef({ dirty, question }).current;
  hold.dirty = dirty;
  hold.question = question;
  useEffect(() => {
    holds.add(hold);
    return () => {
      holds.delete(hold);
    };
  }, [hold]);
}

export function currentPath(): string {
  return location.pathname;
}

/** Go to another screen of the app (same origin). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search || !mayLeave()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

/** The current path and query, re-rendering the caller when they change. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** `/clients/:id` against `/clients/42` → `{ id: "42" }`, or null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

/** Intercept a click on an in-app link so the page does not reload. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.currentTarget as HTMLAnchorElement | null) ?? null;
  if (!anchor || anchor.target || anchor.origin !== location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
