import { useEffect, useRef } from 'preact/hooks';

/** How long to wait before opening a stream again that the server closed for good. */
const REOPEN_MS = 5000;

/**
 * Open staff screens hear of requests for help as they happen: `GET /api/help-requests/stream`
 * is a server-sent event stream (WHATWG HTML §9.2). The server says `ready` (with
 * `resumed: false` when this screen may have missed something: fetch the list) and `help` for
 * each request made, reached, passed to the team or answered. `EventSource` reconnects by itself
 * with `Last-Event-ID`, so a screen that was offline or asleep hears what it missed; coming back
 * online or to the front also fetches the list, in case the stream was slow to notice.
 */
export function useHelpStream(onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const changed = () => latest.current();
    const open = () => {
      source = new EventSource('/api/help-requests/stream');
      source.addEventListener('ready', (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as { resumed?: boolean };
        if (!data.resumed) changed();
      });
      source.addEventListener('help', changed);
      source.addEventListener('error', () => {
        // A network error: EventSource retries by itself. A refusal closes it: try later.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          timer = setTimeout(open, REOPEN_MS);
        }
      });
    };
    const visible = () => {
      if (document.visibilityState === 'visible') changed();
    };
    open();
    window.addEventListener('online', changed);
    document.addEventListener('visibilitychange', visible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      window.removeEventListener('online', changed);
      document.removeEventListener('visibilitychange', visible);
    };
  }, []);
}
