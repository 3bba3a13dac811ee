import type { ComponentChildren, Ref } from 'preact';
import './Notice.css';

type Kind = 'info' | 'success' | 'error' | 'warning';

interface NoticeProps {
  kind?: Kind;
  title?: string;
  children?: ComponentChildren;
  /** Errors interrupt (role=alert); good news waits its turn (role=status). */
  live?: boolean;
  noticeRef?: Ref<HTMLDivElement>;
}

const ICONS: Record<Kind, string> = { info: 'i', success: '✓', error: '!', warning: '!' };

export function Notice({ kind = 'info', title, children, live = true, noticeRef }: NoticeProps) {
  const role = !live ? undefined : kind === 'error' ? 'alert' : 'status';
  return (
    <div class={`notice notice--${kind}`} role={role} ref={noticeRef} tabIndex={-1}>
      <span class="notice__icon" aria-hidden="true">
        {ICONS[kind]}
      </span>
      <div class="notice__body">
        {title && <p class="notice__title">{title}</p>}
        {children}
      </div>
    </div>
  );
}
