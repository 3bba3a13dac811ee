import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Page } from '../api/client';
import { pages } from '../api/client';
import { describe, type Trouble } from './errors';

export interface Pages<T> {
  /** What has come so far, page after page; undefined until the first page is here. */
  items: T[] | undefined;
  /** More follow on the server. */
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  trouble: Trouble | null;
  /** Ask for the next page; resolves to how many items it added. */
  more: () => Promise<number>;
  /** Start again from the first page (after a change). */
  reload: () => Promise<void>;
}

/** A long list a page at a time (the server's keyset pages): the first page when the screen
 * opens, the next ones when the person asks (`ShowMore`). `follow` reads the page after one
 * (by default the list at its `next` address); a screen whose pages are not plain lists (the
 * consent history) gives its own. */
export function usePages<T>(
  first: () => Promise<Page<T>>,
  deps: unknown[] = [],
  follow: (page: Page<T>) => Promise<Page<T>> = (page) => pages.more(page),
): Pages<T> {
  const [items, setItems] = useState<T[] | undefined>(undefined);
  const [last, setLast] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const load = useCallback(first, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const page = await load();
      setItems(page.items);
      setLast(page);
      setTrouble(null);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setLoading(false);
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const more = useCallback(async () => {
    if (!last?.next || loadingMore) return 0;
    setLoadingMore(true);
    try {
      const page = await follow(last);
      setItems((shown) => [...(shown ?? []), ...page.items]);
      setLast(page);
      setTrouble(null);
      return page.items.length;
    } catch (error) {
      setTrouble(describe(error));
      return 0;
    } finally {
      setLoadingMore(false);
    }
  }, [last, loadingMore, follow]);
  return { items, hasMore: Boolean(last?.next), loading, loadingMore, trouble, more, reload };
}
