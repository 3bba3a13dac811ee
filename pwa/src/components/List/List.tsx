import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../../lib/router';
import { Icon } from '../Icon/Icon';
import './List.css';

/** A list of things to open, each a whole-row link of at least 48 px. */
export function LinkList({ label, children }: { label?: string; children: ComponentChildren }) {
  return (
    <ul class="link-list" aria-label={label}>
      {children}
    </ul>
  );
}

export function LinkListItem({
  href,
  title,
  detail,
}: {
  href: string;
  title: string;
  detail?: string;
}) {
  return (
    <li class="link-list__item">
      <a class="link-list__link" href={href} onClick={onLinkClick}>
        <span class="link-list__text">
          <span class="link-list__title">{title}</span>
          {detail && <span class="link-list__detail">{detail}</span>}
        </span>
        {/* An icon, not the character "›": that one is mirrored by the Unicode bidi algorithm in
            Hebrew already, so a mirroring transform on top turned it back to the right. */}
        <span class="link-list__arrow" aria-hidden="true">
          <Icon name="chevron" />
        </span>
      </a>
    </li>
  );
}

/** A plain list of facts or rows with their own actions. */
export function ItemList({ label, children }: { label?: string; children: ComponentChildren }) {
  return (
    <ul class="item-list" aria-label={label}>
      {children}
    </ul>
  );
}
