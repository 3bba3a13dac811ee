/**
 * Is Stepwise reachable? `navigator.onLine` says only whether the phone has a network; a
 * request that gets no answer (a basement with one bar, a captive Wi-Fi) also counts as offline
 * until the next answer or the next `online` event.
 */
import { useEffect, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();
let reachable = true;
let probeTimer: ReturnType<typeof setTimeout> | undefined;
let probes = 0;
/** Pauses between "are you there?" requests while the server cannot be reached. */
const PROBE_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * While unreachable, ask the server now and then (GET /api/version: no database, never
 * cached): `navigator.onLine` stays true on a network that goes nowhere, and then no `online`
 * event will ever come.
 */
function probeLater(): void {
  clearTimeout(probeTimer);
  if (reachable) return;
  const pause = PROBE_MS[Math.min(probes, PROBE_MS.length - 1)] ?? 30_000;
  probes += 1;
  probeTimer = setTimeout(() => {
    fetch('/api/version', { cache: 'no-store', credentials: 'omit' }).then(
      () => markReachable(true),
      () => probeLater(),
    );
  }, pause);
}

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('online', () => {
  reachable = true;
  probeLater();
  notify();
});
window.addEventListener('offline', notify);

export function isOnline(): boolean {
  return navigator.onLine && reachable;
}

/** Called after every request: did it get an answer from the server? */
export function markReachable(answered: boolean): void {
  if (answered === reachable) return;
  reachable = answered;
  probes = 0;
  probeLater();
  notify();
}

export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Re-renders the caller when the connection comes or goes. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(isOnline());
  useEffect(() => onConnectionChange(() => setOnline(isOnline())), []);
  return online;
}
