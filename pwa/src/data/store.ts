/**
 * Screens read through the device: what is saved shows at once, then the network's answer
 * replaces it and is saved for next time. Without a connection the saved copy stays on screen
 * with no error (the layout says "Offline"); only when nothing is saved does the screen say so.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, OFFLINE } from '../api/client';
import { t } from '../i18n';
import { describe, type Trouble } from '../lib/errors';
import { load, save } from './db';

export interface Stored<T> {
  data: T | undefined;
  /** When the copy on screen was saved, if it came from the device and not the network. */
  savedAt: number | null;
  trouble: Trouble | null;
  loading: boolean;
  reload: () => Promise<void>;
}

function unreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === OFFLINE || error.status >= 500);
}

/** Fetch and keep a copy under `key`; the copy is used when the network cannot answer. */
export async function fetchAndKeep<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
  const value = await fetcher();
  await save(key, value);
  return value;
}

export function useStored<T>(key: string, fetcher: () => Promise<T>, deps: unknown[] = []): Stored<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [loading, setLoading] = useState(true);
  const have = useRef(false);
  const run = useCallback(fetcher, [key, ...deps]);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const fresh = await fetchAndKeep(key, run);
      have.current = true;
      setData(fresh);
      setSavedAt(null);
      setTrouble(null);
    } catch (error) {
      if (unreachable(error)) {
        // The saved copy may still be on its way from IndexedDB: ask it before saying "nothing".
        if (!have.current && !(await load(key))) {
          setTrouble({ title: t('offline.notSaved'), fields: {} });
        }
      } else {
        setTrouble(describe(error));
      }
    } finally {
      setLoading(false);
    }
  }, [key, run]);

  useEffect(() => {
    let live = true;
    have.current = false;
    void load<T>(key).then((saved) => {
      if (live && saved && !have.current) {
        have.current = true;
        setData(saved.value);
        setSavedAt(saved.savedAt);
      }
    });
    void reload();
    return () => {
      live = false;
    };
  }, [key, reload]);

  return { data, savedAt, trouble, loading: loading && data === undefined, reload };
}
