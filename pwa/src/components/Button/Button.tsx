import type { ComponentChildren, JSX } from 'preact';
import { onLinkClick } from '../../lib/router';
import './Button.css';

type Variant = 'primary' | 'secondary' | 'danger' | 'quiet';

interface ButtonProps extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'class'> {
  variant?: Variant;
  /** While busy the button stays focusable (no focus loss) but ignores clicks. */
  busy?: boolean;
  /** Not available here (the first item cannot move up): stays focusable, announced as
   * unavailable, ignores clicks. */
  inactive?: boolean;
  block?: boolean;
  children: ComponentChildren;
}

function classes(variant: Variant, block: boolean | undefined): string {
  return `button button--${variant}${block ? ' button--block' : ''}`;
}

/** The one button of the design system: a native <button>, 48 px at least, visible focus. */
export function Button({
  variant = 'secondary',
  busy = false,
  inactive = false,
  block,
  type = 'button',
  onClick,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={classes(variant, block)}
      aria-disabled={busy || inactive ? 'true' : undefined}
      aria-busy={busy ? 'true' : undefined}
      onClick={(event) => {
        if (busy || inactive) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {children}
    </button>
  );
}

interface LinkButtonProps extends Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'class'> {
  href: string;
  variant?: Variant;
  block?: boolean;
  children: ComponentChildren;
}

/** A link (it goes somewhere) that looks like a button, for a screen's main way onward. */
export function LinkButton({ href, variant = 'secondary', block, children, ...rest }: LinkButtonProps) {
  return (
    <a {...rest} href={href} class={classes(variant, block)} onClick={onLinkClick}>
      {children}
    </a>
  );
}
