/**
 * Apply a person's display preferences to the whole page at once: the root font size (every
 * size is in rem, so 200 % doubles all text and targets: WCAG 1.4.4) and classes on <html>.
 */
import type { Preferences } from '../../api/client';

export function applyPreferences(preferences: Preferences | null | undefined): void {
  const html = document.documentElement;
  const size = preferences?.textSize ?? 100;
  // CSSOM, not a style="" attribute: allowed by the strict CSP (style-src 'self').
  html.style.fontSize = size === 100 ? '' : `${size}%`;
  html.classList.toggle('more-contrast', preferences?.contrast === 'more');
  html.classList.toggle('reduce-motion', preferences?.reduceMotion === true);
}
