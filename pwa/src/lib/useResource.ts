import { useCallback, useEffect, useState } from 'preact/hooks';
import { describe, type Trouble } from './errors';

export interface Resource<T> {
  data: T | undefined;
  trouble: Trouble | null;
  loading: boolean;
  reload: () => Promise<void>;
  set: (data: T) => void;
}

/** Load something from the API when a screen opens; `reload()` after a change. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[] = []): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [loading, setLoading] = useState(true);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await run());
      setTrouble(null);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, trouble, loading, reload, set: setData };
}
