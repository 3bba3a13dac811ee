import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { t } from '../../i18n';
import type { Pages } from '../../lib/usePages';
import { Button } from '../Button/Button';
import { Notice } from '../Notice/Notice';
import './ShowMore.css';

/**
 * A long list with "Show more" after it while the server has more: a native button the person
 * presses for the next page (never loaded behind their back while they scroll, so the end of
 * the screen stays reachable by keyboard). When the next page has come, focus moves to its
 * first item (its link, in a list of links), so a keyboard or screen-reader user goes on where the new items start; the
 * button stays next in the tab order while more follow.
 */
export function ShowMore<T>({ list, children }: { list: Pages<T>; children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const shownList = () => box.current?.querySelector('ul, ol, tbody') ?? null;

  async function more() {
    const before = shownList()?.children.length ?? 0;
    const added = await list.more();
    if (!added) return;
    requestAnimationFrame(() => {
      const item = shownList()?.children[before] as HTMLElement | undefined;
      if (!item) return;
      // A whole-row link (LinkList) is the item; otherwise the item itself, read from its start.
      const target = item.querySelector<HTMLElement>(':scope > a[href]') ?? item;
      if (target === item) item.tabIndex = -1;
      target.focus();
    });
  }

  return (
    <div class="show-more" ref={box}>
      {children}
      {list.items !== undefined && list.trouble && <Notice kind="error" title={list.trouble.title} />}
      {list.hasMore && (
        <div class="show-more__action">
          <Button onClick={() => void more()} busy={list.loadingMore} block>
            {t('list.showMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
